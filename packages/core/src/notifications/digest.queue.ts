import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/**
 * E-mails one person what they left unread past its kind's delay, in one message. Sent with a
 * name-based id per person and digest window (see scheduleDigest): every notification of a
 * window shares one job, so a storm of events makes one e-mail, not one each.
 */
export const notificationDigestQueue = defineQueue({
  name: "notification.digest",
  schema: z.object({ userId: z.string() }),
  queue: {
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    deadLetter: "notification.digest.dead",
  },
});
