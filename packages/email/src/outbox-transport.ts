import type { Db } from "@mentora/db";
import type { EmailMessage, EmailTransport } from "./types.ts";

/** Only the table the outbox needs, so tests and callers can pass a transaction client too. */
export type OutboxDb = Pick<Db, "outboxEmail">;

export interface OutboxEmailRecord {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: Date;
}

const defaultListLimit = 50;
const maxListLimit = 200;

/**
 * Attachment contents are not stored (the outbox is a dev inbox for reading emails, and the
 * table has no column for binary data); their names are appended to the text so a developer
 * still sees that the email carried them.
 */
function textWithAttachmentNames(message: EmailMessage): string {
  const names = message.attachments?.map((attachment) => attachment.filename) ?? [];
  if (names.length === 0) return message.text;
  return `${message.text}\n\n[Attachments, not stored in the outbox: ${names.join(", ")}]`;
}

/** Development transport: every email becomes a row of OutboxEmail instead of leaving the app. */
export function createOutboxTransport(prisma: OutboxDb): EmailTransport {
  return {
    kind: "outbox",
    async send(message) {
      await prisma.outboxEmail.create({
        data: {
          to: message.to,
          subject: message.subject,
          text: textWithAttachmentNames(message),
          html: message.html,
        },
      });
    },
  };
}

/** Newest first; `to` matches the recipient exactly. */
export function listOutbox(
  prisma: OutboxDb,
  options: { to?: string | undefined; limit?: number | undefined } = {},
): Promise<OutboxEmailRecord[]> {
  const requested = Number.isFinite(options.limit) ? Math.trunc(options.limit!) : defaultListLimit;
  const limit = Math.min(Math.max(requested, 1), maxListLimit);
  return prisma.outboxEmail.findMany({
    where: options.to === undefined ? {} : { to: options.to },
    // id breaks ties between emails stored in the same millisecond, so paging is stable.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}

export function getOutboxEmail(prisma: OutboxDb, id: string): Promise<OutboxEmailRecord | null> {
  return prisma.outboxEmail.findUnique({ where: { id } });
}
