import { z } from "zod";
import { defineQueue } from "../../jobs/define.ts";

/**
 * Busy times from Google Calendar: `{ mentorId }` refreshes one mentor (after they connect or
 * choose calendars); the schedule's `{}` refreshes every connection older than the TTL.
 * Handled by refresh-busy.job.ts.
 */
export const refreshBusyQueue = defineQueue({
  name: "calendars.refresh-busy",
  schema: z.object({ mentorId: z.string().min(1).max(100).optional() }),
  queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true },
  schedule: { cron: "*/5 * * * *" },
});
