import { z } from "zod";
import { commaList, defineConfigSlice, positiveInt } from "../config/slice.ts";

const minimumRule = /^(\*|[A-Z]{3}):(\d{1,12})$/;

/**
 * PAYOUT_MINIMUM_MINOR: `CURRENCY:amountMinor` rules, `*` for every other currency, e.g.
 * `EUR:2000,TND:20000,*:1000` (20.00 EUR, 20.000 TND, 10.00 of anything else).
 */
const payoutMinimums = z
  .string()
  .default("*:1000")
  .transform((text, ctx): Record<string, number> => {
    const minimums: Record<string, number> = {};
    for (const rule of commaList(text)) {
      const match = minimumRule.exec(rule);
      const [, currency = "", amount = ""] = match ?? [];
      if (!match || currency in minimums) {
        ctx.addIssue({
          code: "custom",
          message: `rule "${rule}" is not CURRENCY:amountMinor once per currency (e.g. EUR:2000,*:1000)`,
        });
        continue;
      }
      minimums[currency] = Number(amount);
    }
    return minimums;
  });

export const payoutsConfig = defineConfigSlice({
  env: {
    EARNINGS_HOLD_HOURS: z.coerce.number().int().min(0).default(48),
    PAYOUT_MINIMUM_MINOR: payoutMinimums,
    PAYOUT_RECONCILE_AFTER_MINUTES: positiveInt(30),
  },
  section: (env) => ({
    earningsHoldHours: env.EARNINGS_HOLD_HOURS,
    minimumMinor: env.PAYOUT_MINIMUM_MINOR,
    reconcileAfterMinutes: env.PAYOUT_RECONCILE_AFTER_MINUTES,
  }),
});
