import { z } from "zod";
import { defineConfigSlice, positiveInt } from "../config/slice.ts";

export const bookingsConfig = defineConfigSlice({
  env: {
    BOOKING_HOLD_MINUTES: positiveInt(15),
    MENTEE_FREE_CANCELLATION_HOURS: z.coerce.number().int().min(0).default(24),
  },
  section: (env) => ({
    holdMinutes: env.BOOKING_HOLD_MINUTES,
    menteeFreeCancellationHours: env.MENTEE_FREE_CANCELLATION_HOURS,
  }),
});
