import { dataExportCleanupJob, dataExportJob } from "../account/data-export.job.ts";
import { expireHoldJob } from "../bookings/expire-hold.job.ts";
import { bookingNotifyJob } from "../bookings/notifications/booking-notify.job.ts";
import { bookingReminderJob } from "../bookings/notifications/booking-reminder.job.ts";
import { refreshBusyJob } from "../calendars/google/refresh-busy.job.ts";
import { refreshSlotsJob } from "../directory/refresh-slots.job.ts";
import { handleDisputeEvent } from "../disputes/index.ts";
import { completeEndedSessionsJob } from "../earnings/complete-ended-sessions.job.ts";
import { earningsReleaseDeadJob, releaseEarningsJob } from "../earnings/release-earnings.job.ts";
import { sendEmailJob } from "../email/send-email.job.ts";
import { eventDeliverDeadJob, eventDeliverJob } from "../events/deliver.job.ts";
import { invoiceRenderJob } from "../invoices/render.job.ts";
import type { AnyJobHandler } from "../jobs/define.ts";
import { checkBalancesJob } from "../ledger/check-balances.job.ts";
import { moderateAttachmentJob } from "../messages/moderate-attachment.job.ts";
import { notificationDigestJob } from "../notifications/digest.job.ts";
import { sessionStartingJob } from "../notifications/session-starting.job.ts";
import { expirePaymentJob } from "../payments/checkout/expire-payment.job.ts";
import { executeRefundJob } from "../payments/refunds/execute-refund.job.ts";
import {
  createProcessWebhookJob,
  type WebhookEventHandlers,
} from "../payments/webhooks/process-webhook.job.ts";
import { executePayoutJob } from "../payouts/execute-payout.job.ts";
import { handlePayoutAccountEvent, handlePayoutEvent } from "../payouts/index.ts";
import { reconcilePayoutsJob } from "../payouts/reconcile-payouts.job.ts";
import { retentionJob } from "../retention/retention.job.ts";
import { reviewReminderJob } from "../reviews/remind.job.ts";
import { processCallbackJob } from "../video/callbacks/process-callback.job.ts";
import { closeRoomJob } from "../video/close-room.job.ts";
import { openRoomJob } from "../video/open-room.job.ts";
import { webhookDeliveryCleanupJob } from "../webhook-endpoints/cleanup.job.ts";
import { webhookDeliverJob } from "../webhook-endpoints/deliver.job.ts";
import type { AppServices } from "./types.ts";

/** What the worker gives every handler. */
export type JobServices = AppServices;

/** The webhook events webhook.process hands to another capability (payment.* it settles itself). */
export const webhookEventHandlers: WebhookEventHandlers = {
  "payout.paid": handlePayoutEvent,
  "payout.failed": handlePayoutEvent,
  "dispute.opened": handleDisputeEvent,
  "dispute.closed": handleDisputeEvent,
  "payout_account.updated": handlePayoutAccountEvent,
};

/**
 * The worker's handler map, one per queue of job-queues.ts (a test holds the two in step). Only
 * the worker (and tests) import this file: producers import the `*.queue.ts` contracts.
 */
export const jobHandlers: readonly AnyJobHandler<JobServices>[] = [
  sendEmailJob,
  expireHoldJob,
  bookingNotifyJob,
  bookingReminderJob,
  expirePaymentJob,
  executeRefundJob,
  createProcessWebhookJob(webhookEventHandlers),
  openRoomJob,
  closeRoomJob,
  processCallbackJob,
  invoiceRenderJob,
  completeEndedSessionsJob,
  earningsReleaseDeadJob,
  releaseEarningsJob,
  executePayoutJob,
  reconcilePayoutsJob,
  dataExportJob,
  dataExportCleanupJob,
  retentionJob,
  eventDeliverJob,
  eventDeliverDeadJob,
  checkBalancesJob,
  notificationDigestJob,
  sessionStartingJob,
  moderateAttachmentJob,
  webhookDeliverJob,
  webhookDeliveryCleanupJob,
  reviewReminderJob,
  refreshBusyJob,
  refreshSlotsJob,
];

/** The handlers by name, for tests of one domain that drain another domain's queue. */
export {
  bookingNotifyJob,
  bookingReminderJob,
  closeRoomJob,
  completeEndedSessionsJob,
  createProcessWebhookJob,
  dataExportCleanupJob,
  dataExportJob,
  earningsReleaseDeadJob,
  eventDeliverDeadJob,
  eventDeliverJob,
  executePayoutJob,
  executeRefundJob,
  expireHoldJob,
  expirePaymentJob,
  invoiceRenderJob,
  openRoomJob,
  processCallbackJob,
  reconcilePayoutsJob,
  releaseEarningsJob,
  retentionJob,
  reviewReminderJob,
  sendEmailJob,
  webhookDeliverJob,
};
