import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; `completeEndedSessionsJob` in complete-ended-sessions.job.ts handles it. */
export const completeEndedSessionsQueue = defineQueue({
  name: "earnings.complete-ended-sessions",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 60, policy: "singleton" },
  schedule: { cron: "*/5 * * * *" },
});
