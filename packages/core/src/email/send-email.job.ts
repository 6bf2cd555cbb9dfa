import { z } from "zod";
import { defineJob } from "../jobs/define.ts";
import { EmailDeliveryError } from "./delivery-error.ts";

/** Where pg-boss moves an email after its last retry; the worker must create this queue too. */
export const emailDeadLetterQueue = "email.send.dead";

function recipientDomain(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

/**
 * Delivers one email. At least once: a retry after a send whose completion was lost sends it
 * again, which beats losing a verification or reset email.
 */
export const sendEmailJob = defineJob({
  name: "email.send",
  // No attachments: job data is JSON, and the auth emails queued here have none.
  schema: z.object({
    to: z.email(),
    subject: z.string().min(1),
    text: z.string(),
    html: z.string(),
  }),
  queue: {
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 60,
    deadLetter: emailDeadLetterQueue,
  },
  async handle(data, services) {
    try {
      await services.email.send(data);
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
