import { createOutboxTransport, type OutboxDb } from "./outbox-transport.ts";
import { createSmtpTransport } from "./smtp-transport.ts";
import type { EmailTransport } from "./types.ts";

export { EmailDeliveryError, toEmailDeliveryError } from "./delivery-error.ts";
export {
  createOutboxTransport,
  getOutboxEmail,
  listOutbox,
  type OutboxDb,
  type OutboxEmailRecord,
} from "./outbox-transport.ts";
export { createSmtpTransport, type SmtpTransportOptions } from "./smtp-transport.ts";
export { renderAccountDeleted } from "./templates/account-deleted.ts";
export { type CancelledBy, renderBookingCancelled } from "./templates/booking-cancelled.ts";
export { renderBookingConfirmed } from "./templates/booking-confirmed.ts";
export {
  type BookingEmailInput,
  type BookingEmailParts,
  bookingEmailParts,
  renderBookingEmail,
} from "./templates/booking-email.ts";
export { type ReminderKind, renderBookingReminder } from "./templates/booking-reminder.ts";
export { renderBookingRescheduled } from "./templates/booking-rescheduled.ts";
export { formatBookingTime } from "./templates/booking-time.ts";
export { renderDataExportReady } from "./templates/data-export-ready.ts";
export { escapeHtml, requireHttpUrl } from "./templates/html.ts";
export { type InvitationEmailInput, renderInvitationEmail } from "./templates/invitation.ts";
export {
  type EmailBlock,
  greeting,
  type RenderedEmail,
  renderLayout,
} from "./templates/layout.ts";
export { renderLinkEmail } from "./templates/link-email.ts";
export { renderMatchesEmail } from "./templates/matches.ts";
export {
  type ModeratedSubject,
  type ModerationNoticeKind,
  renderModerationNotice,
} from "./templates/moderation-notice.ts";
export {
  digestMaxLines,
  renderNotificationDigest,
} from "./templates/notification-digest.ts";
export { renderPayoutEmailConfirmation } from "./templates/payout-email.ts";
export { renderPayoutMethodChanged } from "./templates/payout-method-changed.ts";
export { renderResetPassword } from "./templates/reset-password.ts";
export { renderSecurityNotice } from "./templates/security-notice.ts";
export { renderVerifyEmail } from "./templates/verify-email.ts";
export { renderWebhookEndpointDisabled } from "./templates/webhook-endpoint-disabled.ts";
export type { EmailAttachment, EmailMessage, EmailTransport } from "./types.ts";

/** What the transport is chosen from: the email part of the process's configuration. */
export interface EmailTransportConfig {
  email: { smtpUrl?: string | undefined; from: string; timeoutMs: number };
}

/** Real delivery when SMTP_URL is set; otherwise emails land in the dev outbox table. */
export function createEmailTransport(deps: {
  config: EmailTransportConfig;
  prisma: OutboxDb;
}): EmailTransport {
  const { config } = deps;
  if (config.email.smtpUrl) {
    return createSmtpTransport({
      url: config.email.smtpUrl,
      from: config.email.from,
      timeoutMs: config.email.timeoutMs,
    });
  }
  return createOutboxTransport(deps.prisma);
}
