import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; `executePayoutJob` in execute-payout.job.ts handles it. */
export const executePayoutQueue = defineQueue({
  name: "payout.execute",
  schema: z.object({ payoutId: z.string() }),
  queue: {
    policy: "singleton",
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    heartbeatSeconds: 30,
    expireInSeconds: 900,
  },
  // Money out, a few a day per mentor, paced by the gateway: one at a time per worker process.
  // The singleton policy with the mentor as key (enqueueExecute) keeps each mentor's payouts
  // serial across processes; a batch would let one process hold every mentor's next payout.
  work: { concurrency: 1, batchSize: 1 },
});
