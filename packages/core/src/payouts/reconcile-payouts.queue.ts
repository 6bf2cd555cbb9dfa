import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; `reconcilePayoutsJob` in reconcile-payouts.job.ts handles it. */
export const reconcilePayoutsQueue = defineQueue({
  name: "payout.reconcile",
  schema: z.object({}).passthrough(),
  queue: { policy: "singleton", retryLimit: 1, retryDelay: 60 },
  schedule: { cron: "*/5 * * * *" },
});
