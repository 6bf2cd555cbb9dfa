import type { PgBoss } from "pg-boss";
import { expireHoldJob } from "../bookings/expire-hold.job.ts";
import { bookingNotifyJob } from "../bookings/notifications/booking-notify.job.ts";
import { bookingReminderJob } from "../bookings/notifications/booking-reminder.job.ts";
import { completeEndedSessionsJob } from "../earnings/complete-ended-sessions.job.ts";
import { releaseEarningsJob } from "../earnings/release-earnings.job.ts";
import { sendEmailJob } from "../email/send-email.job.ts";
import { invoiceCleanupTempJob } from "../invoices/cleanup-temp.job.ts";
import { invoiceRenderJob } from "../invoices/render.job.ts";
import { expirePaymentJob } from "../payments/checkout/expire-payment.job.ts";
import { executeRefundJob } from "../payments/refunds/execute-refund.job.ts";
import { processWebhookJob } from "../payments/webhooks/process-webhook.job.ts";
import { executePayoutJob } from "../payouts/execute-payout.job.ts";
import { reconcilePayoutsJob } from "../payouts/reconcile-payouts.job.ts";
import { processCallbackJob } from "../video/callbacks/process-callback.job.ts";
import { closeRoomJob, openRoomJob } from "../video/room-jobs.ts";
// Registers the payout.paid / payout.failed handlers with webhook.process.
import "../payouts/webhook-handlers.ts";
import type { JobDefinition } from "./define.ts";

export {
  type ProblemJob,
  type QueueCounts,
  readQueueCounts,
} from "./admin/queue-state.ts";
export { defineJob, enqueue, type JobDefinition, type JobServices } from "./define.ts";

/** Every queue core declares; the worker runs a handler for each. A new job adds one line. */
export const jobDefinitions = [
  sendEmailJob,
  expireHoldJob,
  bookingNotifyJob,
  bookingReminderJob,
  expirePaymentJob,
  executeRefundJob,
  processWebhookJob,
  openRoomJob,
  closeRoomJob,
  processCallbackJob,
  invoiceRenderJob,
  invoiceCleanupTempJob,
  completeEndedSessionsJob,
  releaseEarningsJob,
  executePayoutJob,
  reconcilePayoutsJob,
] as unknown as readonly JobDefinition[];

/**
 * Creates each queue (and its dead-letter queue first, which pg-boss requires). Idempotent, so
 * both web and worker run it at start and neither depends on the other having started.
 */
export async function createQueues(
  boss: PgBoss,
  definitions: readonly JobDefinition[] = jobDefinitions,
): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
  for (const job of definitions) {
    const deadLetter = job.queue.deadLetter;
    if (deadLetter && !existing.has(deadLetter)) {
      await boss.createQueue(deadLetter);
      existing.add(deadLetter);
    }
    if (!existing.has(job.name)) {
      await boss.createQueue(job.name, job.queue);
      existing.add(job.name);
    }
  }
}
