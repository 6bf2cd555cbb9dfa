import type { Prisma } from "@mentora/db";
import type { RenderedEmail } from "@mentora/email";
import { fromPrisma, type PgBoss } from "pg-boss";
import type { z } from "zod";
import { sendEmailQueue } from "../../email/index.ts";
import { enqueue } from "../../jobs/define.ts";
import type { BookingRecipient } from "./recipients.ts";

export type EmailJobData = z.input<typeof sendEmailQueue.schema>;

/** An .ics file for an email (job data is JSON, so its bytes travel as base64). */
export function icsAttachment(filename: string, method: "REQUEST" | "CANCEL", content: string) {
  return {
    filename,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    contentBase64: Buffer.from(content, "utf8").toString("base64"),
  };
}

/**
 * Enqueues one email inside the caller's transaction, under a deterministic id: if a job with
 * that id was already sent (a retried handler), pg-boss ignores it. Returns whether it was new.
 */
export async function enqueueBookingEmail(
  boss: PgBoss,
  tx: Prisma.TransactionClient,
  input: {
    id: string;
    recipient: BookingRecipient;
    email: RenderedEmail;
    attachments?: EmailJobData["attachments"];
  },
): Promise<boolean> {
  const { email, recipient } = input;
  const data: EmailJobData = {
    to: recipient.user.email,
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(input.attachments ? { attachments: input.attachments } : {}),
  };
  const jobId = await enqueue(boss, sendEmailQueue, data, { db: fromPrisma(tx), id: input.id });
  return jobId !== null;
}
