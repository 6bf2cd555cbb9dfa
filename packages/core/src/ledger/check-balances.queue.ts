import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; `checkBalancesJob` in check-balances.job.ts handles it. */
export const checkBalancesQueue = defineQueue({
  name: "ledger.check-balances",
  schema: z.object({}).passthrough(),
  queue: { policy: "singleton", retryLimit: 2, retryDelay: 600 },
  // Nightly, away from the retention job (03:40) and the busy hours.
  schedule: { cron: "20 2 * * *" },
});
