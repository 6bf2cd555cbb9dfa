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
});
