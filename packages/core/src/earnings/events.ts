import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/** A session became COMPLETED (its end passed, or its room closed), with its bookings. */
export const sessionCompleted = defineEvent({
  type: "session.completed",
  version: 1,
  schema: z.object({
    sessionId: z.string(),
    /** "ended", or "attendance:<VERDICT>". */
    reason: z.string(),
    bookingIds: z.array(z.string()),
  }),
  key: (data) => [data.sessionId],
});

/** A booking's mentor share became available for payout. */
export const earningsReleased = defineEvent({
  type: "earnings.released",
  version: 1,
  schema: z.object({
    bookingId: z.string(),
    mentorId: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
  }),
  key: (data) => [data.bookingId],
});
