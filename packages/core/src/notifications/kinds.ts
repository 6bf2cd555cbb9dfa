import {
  adminNotificationKinds,
  inAppOnlyNotificationKinds,
  type NotificationKind,
  notificationKinds,
} from "../contracts/index.ts";

export { adminNotificationKinds, type NotificationKind, notificationKinds };

export interface KindPolicy {
  /** Default of the in-app channel (bell, /notifications). */
  inApp: boolean;
  /** Default of the e-mail channel (the digest); false when the e-mail is not offered at all. */
  email: boolean;
  /** Whether the person may turn the e-mail channel on. */
  emailOffered: boolean;
  /** How long an unread notification waits in the app before the digest may e-mail it. */
  emailDelayMinutes: number;
}

const standard: KindPolicy = {
  inApp: true,
  email: true,
  emailOffered: true,
  emailDelayMinutes: 15,
};

/**
 * Defaults per kind (decision 033). Booking confirmations, cancellations and moves already get
 * their own transactional e-mail with the calendar file (booking.notify), and a moderation
 * decision its own notice e-mail (moderation): the digest would only repeat them, so their e-mail
 * channel is off by default. "Session starting" is in-app only.
 * A message is e-mailed after 10 minutes unread (issue #15); admin alerts after 5.
 */
export const kindPolicies: Record<NotificationKind, KindPolicy> = Object.fromEntries(
  notificationKinds.map((kind): [NotificationKind, KindPolicy] => {
    if (inAppOnlyNotificationKinds.includes(kind)) {
      return [kind, { ...standard, email: false, emailOffered: false }];
    }
    if (
      kind === "BOOKING_CONFIRMED" ||
      kind === "BOOKING_CANCELLED" ||
      kind === "BOOKING_MOVED" ||
      kind === "MODERATION_DECIDED"
    ) {
      return [kind, { ...standard, email: false }];
    }
    if (kind === "NEW_MESSAGE") return [kind, { ...standard, emailDelayMinutes: 10 }];
    if (adminNotificationKinds.includes(kind)) return [kind, { ...standard, emailDelayMinutes: 5 }];
    return [kind, standard];
  }),
) as Record<NotificationKind, KindPolicy>;
