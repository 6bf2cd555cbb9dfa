import { createTransport } from "nodemailer";
import { toEmailDeliveryError } from "./delivery-error.ts";
import type { EmailAttachment, EmailMessage, EmailTransport } from "./types.ts";

export interface SmtpTransportOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; nodemailer reads the rest from the URL. */
  url: string;
  /** Default From header, e.g. `Mentora <no-reply@mentora.app>`. */
  from: string;
  /** Bound on every wait: DNS, connect, greeting, and socket inactivity. */
  timeoutMs: number;
}

function toNodemailerAttachment(attachment: EmailAttachment) {
  const { content } = attachment;
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    content:
      typeof content === "string"
        ? content
        : Buffer.from(content.buffer, content.byteOffset, content.byteLength),
  };
}

/** Sends through an SMTP server over a small connection pool, reused across sends. */
export function createSmtpTransport(options: SmtpTransportOptions): EmailTransport {
  const transporter = createTransport(
    {
      url: options.url,
      pool: true,
      dnsTimeout: options.timeoutMs,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      // Messages come from our own templates: never let one read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: options.from },
  );

  return {
    kind: "smtp",
    async send(message: EmailMessage) {
      try {
        await transporter.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: message.attachments?.map(toNodemailerAttachment),
        });
      } catch (error) {
        throw toEmailDeliveryError(error);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
