import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; `retentionJob` in retention.job.ts handles it. */
export const retentionQueue = defineQueue({
  name: "retention.cleanup",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelay: 300, policy: "singleton" },
  schedule: { cron: "40 3 * * *" },
});
