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
import { invoiceRenderQueue } from "../invoices/index.ts";
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

/**
 * Queues an older release created (and may have scheduled) that no code uses any more: removed
 * at start with their schedules and jobs (retireQueues). A retired name stays here so that
 * deployments upgrading from any older release lose it too.
 */
export const retiredQueues: readonly string[] = [
  // The invoice scratch folder's daily clean-up: renders keep their bytes in memory since
  // decision 063, so nothing writes there (decision 073).
  "invoice.cleanup-temp",
];
