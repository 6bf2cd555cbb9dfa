import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/**
 * A message was sent in a conversation. `recipientIds`: the other participants (never the
 * sender). rt-notify turns it into a "new message" notification (wired in app/subscriptions.ts).
 */
export const messageSent = defineEvent({
  type: "message.sent",
  version: 1,
  schema: z.object({
    messageId: z.string(),
    conversationId: z.string(),
    senderId: z.string(),
    recipientIds: z.array(z.string()),
  }),
  key: (data) => [data.messageId],
});

/**
 * A message went to the admins' review queue: reported by a recipient, or flagged for review by
 * the moderation hook (`reporterId` null). For the admins' "moderation" notification.
 */
export const messageReported = defineEvent({
  type: "message.reported",
  version: 1,
  schema: z.object({
    reportId: z.string(),
    messageId: z.string(),
    conversationId: z.string(),
    source: z.enum(["RECIPIENT", "MODERATION"]),
    reporterId: z.string().nullable(),
  }),
  key: (data) => [data.reportId],
});
