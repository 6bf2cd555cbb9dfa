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
  // Mostly waiting on the provider and Postgres: 20 in flight drain a storm (decision 026). Not
  // more (079): a worker holding 80 jobs stalls them all behind one slow provider while the
  // other workers idle, and 80 settlements would queue for a pool of 10 connections.
  work: { concurrency: 2, batchSize: 10 },
});
