import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; `invoiceCleanupTempJob` in cleanup-temp.job.ts handles it. */
export const invoiceCleanupTempQueue = defineQueue({
  name: "invoice.cleanup-temp",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 300 },
  schedule: { cron: "17 3 * * *" },
});
