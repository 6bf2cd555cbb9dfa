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
});
