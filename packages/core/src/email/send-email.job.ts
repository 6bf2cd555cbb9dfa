import { EmailDeliveryError } from "@mentora/email";
import { z } from "zod";
import { defineJob } from "../jobs/define.ts";

/** Where pg-boss moves an email after its last retry; the worker must create this queue too. */
export const emailDeadLetterQueue = "email.send.dead";

/** Bounds on what one job may carry: job data is JSON in the database, attachments as base64. */
export const maxEmailAttachments = 5;
export const maxEmailAttachmentBytes = 1024 * 1024;

function decodedLength(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** What the job stores and delivers: the bytes as base64, bounded in size. */
const storedAttachmentSchema = z.object({
  // One header-safe name: no path, no line break.
  filename: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\p{Cc}]+$/u),
  contentType: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/),
  contentBase64: z
    .base64()
    .max(Math.ceil(maxEmailAttachmentBytes / 3) * 4)
    .refine((value) => decodedLength(value) <= maxEmailAttachmentBytes, {
      message: `must be at most ${maxEmailAttachmentBytes} bytes once decoded`,
    }),
});

/**
 * Accepts an attachment as the transport takes it too (`content`: text or bytes), so an
 * EmailMessage can be enqueued as is: `enqueue` parses before sending, which stores base64.
 */
const attachmentSchema = z
  .union([
    storedAttachmentSchema,
    z
      .object({
        filename: z.string(),
        contentType: z.string(),
        content: z.union([
          z.string(),
          z.custom<Uint8Array>((value) => value instanceof Uint8Array),
        ]),
      })
      .transform(({ content, ...attachment }) => ({
        ...attachment,
        contentBase64: Buffer.from(content).toString("base64"),
      })),
  ])
  .pipe(storedAttachmentSchema);

export type EmailJobAttachment = z.input<typeof attachmentSchema>;

function recipientDomain(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

/**
 * Delivers one email. At least once: a retry after a send whose completion was lost sends it
 * again, which beats losing a verification or reset email.
 */
export const sendEmailJob = defineJob({
  name: "email.send",
  // Job data is JSON, so attachments travel as base64 and are decoded just before sending.
  schema: z.object({
    to: z.email(),
    subject: z.string().min(1),
    text: z.string(),
    html: z.string(),
    attachments: z.array(attachmentSchema).max(maxEmailAttachments).optional(),
  }),
  queue: {
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60,
    deadLetter: emailDeadLetterQueue,
  },
  async handle(data, services) {
    const { attachments, ...message } = data;
    try {
      await services.email.send(
        attachments
          ? {
              ...message,
              attachments: attachments.map(({ contentBase64, ...attachment }) => ({
                ...attachment,
                content: Buffer.from(contentBase64, "base64"),
              })),
            }
          : message,
      );
    } catch (error) {
      // A permanent rejection is logged loudly but still rethrown, not swallowed: a 5xx can also
      // mean our own SMTP setup is wrong (auth refused, sender not allowed), and then dropping
      // the email would lose it. Rethrowing costs a few bounded retries, after which pg-boss
      // keeps the email in the dead-letter queue where it can be replayed once fixed.
      if (error instanceof EmailDeliveryError && !error.retryable) {
        services.logger.error(
          {
            err: error,
            recipientDomain: recipientDomain(data.to),
            code: error.code,
            responseCode: error.responseCode,
          },
          "email permanently rejected",
        );
      }
      throw error;
    }
  },
});
