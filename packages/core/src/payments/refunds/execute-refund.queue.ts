import { z } from "zod";
import { defineQueue } from "../../jobs/define.ts";

/** What producers send; `executeRefundJob` in execute-refund.job.ts handles it. */
export const executeRefundQueue = defineQueue({
  name: "payment.refund",
  schema: z.object({ refundId: z.string() }),
  queue: {
    retryLimit: 12,
    retryDelay: 30,
    retryBackoff: true,
    deadLetter: "payment.refund.dead",
  },
});
