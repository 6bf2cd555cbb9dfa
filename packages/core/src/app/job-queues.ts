import { dataExportCleanupQueue, dataExportQueue } from "../account/index.ts";
import { bookingNotifyQueue, bookingReminderQueue, expireHoldQueue } from "../bookings/index.ts";
import { refreshBusyQueue } from "../calendars/index.ts";
import { refreshSlotsQueue } from "../directory/index.ts";
import {
  completeEndedSessionsQueue,
  earningsReleaseDeadQueue,
  releaseEarningsQueue,
} from "../earnings/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { eventDeliverDeadQueue, eventDeliverQueue } from "../events/index.ts";
import { invoiceCleanupTempQueue, invoiceRenderQueue } from "../invoices/index.ts";
import type { QueueContract } from "../jobs/define.ts";
import { checkBalancesQueue } from "../ledger/index.ts";
import { moderateAttachmentQueue } from "../messages/index.ts";
import { notificationDigestQueue, sessionStartingQueue } from "../notifications/index.ts";
import { executeRefundQueue, expirePaymentQueue, processWebhookQueue } from "../payments/index.ts";
import { executePayoutQueue, reconcilePayoutsQueue } from "../payouts/index.ts";
import { retentionQueue } from "../retention/index.ts";
import { reviewReminderQueue } from "../reviews/index.ts";
import { closeRoomQueue, openRoomQueue, processCallbackQueue } from "../video/index.ts";
import { webhookDeliverQueue, webhookDeliveryCleanupQueue } from "../webhook-endpoints/index.ts";

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
  checkBalancesQueue,
  notificationDigestQueue,
  sessionStartingQueue,
  moderateAttachmentQueue,
  webhookDeliverQueue,
  webhookDeliveryCleanupQueue,
  reviewReminderQueue,
  refreshBusyQueue,
  refreshSlotsQueue,
];
