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
export { escapeHtml, requireHttpUrl } from "./templates/html.ts";
export { type EmailBlock, type RenderedEmail, renderLayout } from "./templates/layout.ts";
export { renderResetPassword } from "./templates/reset-password.ts";
export { renderVerifyEmail } from "./templates/verify-email.ts";
export type { EmailAttachment, EmailMessage, EmailTransport } from "./types.ts";

/** Real delivery when SMTP_URL is set; otherwise emails land in the dev outbox table. */
export function createEmailTransport(deps: {
  config: Pick<Config, "email">;
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
