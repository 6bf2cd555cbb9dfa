import { z } from "zod";
import { defineQueue } from "../../jobs/define.ts";

/** What producers send; `expirePaymentJob` in expire-payment.job.ts handles it. */
export const expirePaymentQueue = defineQueue({
  name: "payment.expire",
  schema: z.object({ paymentId: z.string() }),
  queue: {
    retryLimit: 10,
    retryDelay: 30,
    retryBackoff: true,
    deadLetter: "payment.expire.dead",
  },
});
