import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; the worker handles it with `completeEndedSessionsJob` (complete-ended-sessions.job.ts). */
export const completeEndedSessionsQueue = defineQueue({
  name: "earnings.complete-ended-sessions",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 60, policy: "singleton" },
  schedule: { cron: "*/5 * * * *" },
});
