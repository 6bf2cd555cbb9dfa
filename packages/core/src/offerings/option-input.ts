import { z } from "zod";
import { currencySchema, priceMinorSchema } from "./currency.ts";

/** Sellable options per offering at once (live ones; archived options do not count). */
export const maxLiveOptions = 6;

export const durationMinutesSchema = z.number().int().min(5).max(480).multipleOf(5);

export const offeringTitleSchema = z.string().trim().min(3).max(120);
export const offeringDescriptionSchema = z.string().trim().max(4000);
/** 49 at most: a group room holds 50 (Twilio's ceiling), and the mentor takes one place. */
export const groupCapacitySchema = z.number().int().min(2).max(49);

/** One duration with its price, as a mentor enters it. */
export const optionInput = z
  .object({
    durationMinutes: durationMinutesSchema,
    priceMinor: priceMinorSchema,
    currency: currencySchema,
  })
  .strict();

export type OptionInput = z.output<typeof optionInput>;

/** Adds an issue at `path` for each duration given twice, and for a second currency. */
export function checkOptionSet(
  options: readonly OptionInput[],
  ctx: z.RefinementCtx,
  path: string,
): void {
  const seen = new Set<number>();
  options.forEach((option, index) => {
    if (seen.has(option.durationMinutes)) {
      ctx.addIssue({
        code: "custom",
        path: [path, index, "durationMinutes"],
        message: "Each duration may appear only once",
      });
    }
    seen.add(option.durationMinutes);
  });
  const currencies = new Set(options.map((option) => option.currency));
  if (currencies.size > 1) {
    ctx.addIssue({
      code: "custom",
      path: [path],
      message: "All options of an offering use the same currency",
    });
  }
}
