import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** Daily: finished deliveries older than RETENTION_WEBHOOK_DAYS leave the log (cleanup.job.ts). */
export const webhookDeliveryCleanupQueue = defineQueue({
  name: "webhook-endpoint.cleanup",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 300 },
  schedule: { cron: "41 3 * * *" },
});
