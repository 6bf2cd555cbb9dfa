export interface EmailAttachment {
  filename: string;
  content: string | Uint8Array;
  contentType: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
}

/** Where emails go: SMTP when SMTP_URL is set, otherwise the dev outbox in the database. */
export interface EmailTransport {
  readonly kind: "smtp" | "outbox";
  send(message: EmailMessage): Promise<void>;
  close?(): Promise<void>;
}
