import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/**
 * "Your session starts in 10 minutes", planned when a booking is confirmed (and again when it
 * moves): carries the booking's scheduleVersion, so the job of an older time, or of a booking
 * cancelled since, does nothing.
 */
export const sessionStartingQueue = defineQueue({
  name: "notification.session-starting",
  schema: z.object({ bookingId: z.string(), scheduleVersion: z.number().int() }),
  queue: {
    retryLimit: 3,
    retryDelay: 15,
    retryBackoff: true,
    deadLetter: "notification.session-starting.dead",
  },
});
