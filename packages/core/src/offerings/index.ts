export {
  currencySchema,
  formatMinorAmount,
  isSupportedCurrency,
  priceMinorSchema,
} from "./currency.ts";
export { offeringKindSchema } from "./offering-output.ts";
