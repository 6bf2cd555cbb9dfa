import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/**
 * "Rate your session", a day after an attended session's end: planned when its attendance is
 * recorded; the job reminds each participant who attended and has not reviewed yet.
 */
export const reviewReminderQueue = defineQueue({
  name: "review.remind",
  schema: z.object({ sessionId: z.string() }),
  queue: {
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    deadLetter: "review.remind.dead",
  },
  // Database work only, a few queries per participant, and spread over the day (a day after
  // each session): 10 in flight (4 × 5 measured no faster; decision 054).
  work: { concurrency: 2, batchSize: 5 },
});
