import { z } from "zod";
import { defineQueue } from "../../jobs/define.ts";

const retryLimit = 8;
/** The first attempt plus pg-boss's retries: after the last, the event waits for a replay. */
export const webhookMaxAttempts = retryLimit + 1;

/** webhook.process's contract; its handler is built in process-webhook.job.ts. */
export const processWebhookQueue = defineQueue({
  name: "webhook.process",
  schema: z.object({ webhookEventId: z.string() }),
  queue: {
    retryLimit,
    retryDelay: 5,
    retryBackoff: true,
    // A worker killed mid-job stops heartbeating: the job is retried within about a minute
    // instead of after the 15-minute expiry (processing is idempotent, decision 018).
    heartbeatSeconds: 30,
    deadLetter: "webhook.process.dead",
  },
  // Mostly waiting on the provider and Postgres, and each statement of the handler is one per
  // flush of the jobs in flight (063, 079): 80 in flight share them (decision 026 chose 2 × 10).
  work: { concurrency: 4, batchSize: 20 },
});
