/**
 * Notifications (issue #15): what a person is told, in the bell, /notifications and a digest
 * e-mail (decision 033). Other domains never call in here; app/subscriptions.ts turns their
 * events into notifications with the reactions below.
 */
export { notificationsConfig } from "./config.ts";
export { notificationDigestJob } from "./digest.job.ts";
export { notificationDigestQueue } from "./digest.queue.ts";
export {
  adminNotificationKinds,
  type KindPolicy,
  kindPolicies,
  type NotificationKind,
  notificationKinds,
} from "./kinds.ts";
export { notificationLine } from "./lines.ts";
export {
  adminIds,
  digestWindowMs,
  markReadAbout,
  type NotificationData,
  type NotifyInput,
  notify,
} from "./notify.ts";
export { channelsOf, preferencesOf, savePreferences } from "./preferences.ts";
export {
  notifyApplicationDecided,
  notifyBookingChange,
  notifyDisputeOpened,
  notifyEarningsReleased,
  notifyInvoiceReady,
  notifyModeration,
  notifyModerationDecided,
  notifyNewMessage,
  notifyPaymentFailed,
  notifyPaymentSucceeded,
  notifyPayout,
  notifyPayoutRequested,
  notifyRefund,
  notifyReview,
  notifyWebhookFailed,
} from "./reactions.ts";
export {
  planSessionStarting,
  sessionStartingJob,
  sessionStartingLeadMs,
} from "./session-starting.job.ts";
export { sessionStartingQueue } from "./session-starting.queue.ts";
