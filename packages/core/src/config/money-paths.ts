import { z } from "zod";
import { defineConfigSlice, positiveInt } from "./slice.ts";

/** Money paths (issue #11): payout method cooldown, hold and free-booking caps, across domains. */
export const moneyPathsConfig = defineConfigSlice({
  env: {
    PAYOUT_METHOD_COOLDOWN_HOURS: z.coerce.number().int().min(0).default(48),
    MAX_OPEN_HOLDS: positiveInt(3),
    MAX_FREE_BOOKINGS_PER_WEEK: positiveInt(2),
  },
  section: (env) => ({
    payoutMethodCooldownMs: env.PAYOUT_METHOD_COOLDOWN_HOURS * 3_600_000,
    maxOpenHolds: env.MAX_OPEN_HOLDS,
    maxFreeBookingsPerWeek: env.MAX_FREE_BOOKINGS_PER_WEEK,
  }),
});
