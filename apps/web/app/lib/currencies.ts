import {
  type CurrencyCode,
  currencyCodes,
  isSupportedCurrency,
} from "@mentora/payment-gateway/money";

/** The currencies Mentora sells in (the one table, in @mentora/payment-gateway), for selects. */
export const currencies: readonly CurrencyCode[] = currencyCodes;
export type Currency = CurrencyCode;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && isSupportedCurrency(value);
}

/** Languages offered in the directory filter (any ISO 639-1 code works in a profile). */
export const filterLanguages = [
  "ar",
  "de",
  "en",
  "es",
  "fr",
  "hi",
  "it",
  "ja",
  "ko",
  "nl",
  "pl",
  "pt",
  "ru",
  "sv",
  "tr",
  "uk",
  "zh",
] as const;
