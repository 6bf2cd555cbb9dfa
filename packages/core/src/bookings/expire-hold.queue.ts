import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; `expireHoldJob` in expire-hold.job.ts handles it. */
export const expireHoldQueue = defineQueue({
  name: "booking.expire-hold",
  schema: z.object({ bookingId: z.string() }),
  queue: {
    retryLimit: 10,
    retryDelay: 10,
    retryBackoff: true,
    deadLetter: "booking.expire-hold.dead",
  },
});
