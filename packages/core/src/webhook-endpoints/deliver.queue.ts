import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/**
 * One attempt of one webhook delivery. The retry schedule is ours (retry-schedule.ts), not
 * pg-boss's: each failed attempt enqueues the next one with its own `startAfter`, so the log can
 * show when it will be. pg-boss retries only a crashed attempt (the handler threw), once.
 */
export const webhookDeliverQueue = defineQueue({
  name: "webhook-endpoint.deliver",
  schema: z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(1).max(50) }),
  queue: { retryLimit: 1, retryDelay: 60, expireInSeconds: 120 },
  // 10 in flight per worker (measured 30 % of a no-op job's rate, 4 × 5 did no better; decision
  // 054): an endpoint that hangs holds one slot for the timeout, no database connection (the
  // POST runs outside any transaction).
  work: { concurrency: 2, batchSize: 5 },
});
