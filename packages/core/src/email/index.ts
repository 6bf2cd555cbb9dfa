import type { Config } from "../config/index.ts";
import { createOutboxTransport, type OutboxDb } from "./outbox-transport.ts";
import { createSmtpTransport } from "./smtp-transport.ts";
import type { EmailTransport } from "./types.ts";

export { EmailDeliveryError } from "./delivery-error.ts";
export {
  createOutboxTransport,
  getOutboxEmail,
  listOutbox,
  type OutboxDb,
  type OutboxEmailRecord,
} from "./outbox-transport.ts";
export { emailDeadLetterQueue, sendEmailJob } from "./send-email.job.ts";
export { createSmtpTransport, type SmtpTransportOptions } from "./smtp-transport.ts";
export { renderAccountDeleted } from "./templates/account-deleted.ts";
export { renderBookingCancelled } from "./templates/booking-cancelled.ts";
export { renderBookingConfirmed } from "./templates/booking-confirmed.ts";
export type { BookingEmailInput } from "./templates/booking-email.ts";
export { renderBookingReminder } from "./templates/booking-reminder.ts";
export { renderBookingRescheduled } from "./templates/booking-rescheduled.ts";
export { renderDataExportReady } from "./templates/data-export-ready.ts";
export { escapeHtml, requireHttpUrl } from "./templates/html.ts";
export { renderInvitationEmail } from "./templates/invitation.ts";
export { type EmailBlock, type RenderedEmail, renderLayout } from "./templates/layout.ts";
export { renderPayoutMethodChanged } from "./templates/payout-method-changed.ts";
export { renderResetPassword } from "./templates/reset-password.ts";
export { renderSecurityNotice } from "./templates/security-notice.ts";
export { renderVerifyEmail } from "./templates/verify-email.ts";
export type { EmailAttachment, EmailMessage, EmailTransport } from "./types.ts";

/** Real delivery when SMTP_URL is set; otherwise emails land in the dev outbox table. */
export function createEmailTransport(deps: {
  config: Pick<Config, "SMTP_URL" | "EMAIL_FROM" | "EMAIL_TIMEOUT_MS">;
  prisma: OutboxDb;
}): EmailTransport {
  const { config } = deps;
  if (config.SMTP_URL) {
    return createSmtpTransport({
      url: config.SMTP_URL,
      from: config.EMAIL_FROM,
      timeoutMs: config.EMAIL_TIMEOUT_MS,
    });
  }
  return createOutboxTransport(deps.prisma);
}
