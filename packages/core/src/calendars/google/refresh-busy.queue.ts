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
  // One Google Calendar call per mentor job, bounded by GOOGLE_CALENDAR_TIMEOUT_MS: 10 in flight,
  // the I/O default (decision 054); the sweep itself is one job.
  work: { concurrency: 2, batchSize: 5 },
  schedule: { cron: "*/5 * * * *" },
});
