import { EmailDeliveryError } from "@mentora/email";
import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { sendEmailQueue } from "./send-email.queue.ts";

function recipientDomain(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

/** Sends through the configured transport; see sendEmailQueue for the delivery promise. */
export const sendEmailJob = defineHandler(sendEmailQueue, async (data, services: AppServices) => {
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
});
