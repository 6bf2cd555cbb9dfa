import { dataExportCleanupQueue, dataExportQueue } from "../account/data-export.queue.ts";
import { expireHoldQueue } from "../bookings/expire-hold.queue.ts";
import { bookingNotifyQueue } from "../bookings/notifications/booking-notify.queue.ts";
import { bookingReminderQueue } from "../bookings/notifications/booking-reminder.queue.ts";
import { completeEndedSessionsQueue } from "../earnings/complete-ended-sessions.queue.ts";
import {
  earningsReleaseDeadQueue,
  releaseEarningsQueue,
} from "../earnings/release-earnings.queue.ts";
import { sendEmailQueue } from "../email/send-email.queue.ts";
import { eventDeliverDeadQueue, eventDeliverQueue } from "../events/deliver.queue.ts";
import { invoiceCleanupTempQueue } from "../invoices/cleanup-temp.queue.ts";
import { invoiceRenderQueue } from "../invoices/render.queue.ts";
import type { QueueContract } from "../jobs/define.ts";
import { expirePaymentQueue } from "../payments/checkout/expire-payment.queue.ts";
import { executeRefundQueue } from "../payments/refunds/execute-refund.queue.ts";
import { processWebhookQueue } from "../payments/webhooks/process-webhook.queue.ts";
import { executePayoutQueue } from "../payouts/execute-payout.queue.ts";
import { reconcilePayoutsQueue } from "../payouts/reconcile-payouts.queue.ts";
import { retentionQueue } from "../retention/retention.queue.ts";
import { processCallbackQueue } from "../video/callbacks/process-callback.queue.ts";
import { closeRoomQueue } from "../video/close-room.queue.ts";
import { openRoomQueue } from "../video/open-room.queue.ts";

/**
 * Every queue core declares, from the contracts alone (no handler is imported): what both web
 * and worker create and keep in step at start (createQueues). The worker's handlers are in
 * job-handlers.ts; a test fails when the two lists disagree. A new job adds one line to each.
 */
export const jobQueues: readonly QueueContract[] = [
  sendEmailQueue,
  expireHoldQueue,
  bookingNotifyQueue,
  bookingReminderQueue,
  expirePaymentQueue,
  executeRefundQueue,
  processWebhookQueue,
  openRoomQueue,
  closeRoomQueue,
  processCallbackQueue,
  invoiceRenderQueue,
  invoiceCleanupTempQueue,
  completeEndedSessionsQueue,
  earningsReleaseDeadQueue,
  releaseEarningsQueue,
  executePayoutQueue,
  reconcilePayoutsQueue,
  dataExportQueue,
  dataExportCleanupQueue,
  retentionQueue,
  eventDeliverQueue,
  eventDeliverDeadQueue,
];
