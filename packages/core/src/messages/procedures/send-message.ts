import { z } from "zod";
import { userKey } from "../../rate-limits/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { decodeAttachmentBase64, maxAttachmentBase64Length } from "../attachments.ts";
import { maxMessageLength, sendMessage } from "../send-message.ts";

export const sendMessageInput = z
  .object({
    conversationId: z.string().min(1).max(100),
    body: z.string().trim().max(maxMessageLength),
    /** One image (JPEG, PNG or WebP) as base64 or a data URL; re-encoded before storage. */
    attachment: z.string().min(1).max(maxAttachmentBase64Length).optional(),
    /** Mentor of a group session: send to every participant. */
    toWholeSession: z.boolean().optional(),
  })
  .strict()
  .refine((input) => input.body.length > 0 || input.attachment, {
    message: "A message needs text or an image",
    path: ["body"],
  });

/**
 * Sends a message in a conversation the viewer is in. Refusals: NOT_FOUND (not a participant),
 * CONVERSATION_CLOSED (cancelled 30+ days ago, or a blocked mentee), TOO_MANY_REQUESTS,
 * MESSAGE_REJECTED (moderation), ATTACHMENT_* (the image).
 */
export const send = authedProcedure
  .input(sendMessageInput)
  .output(z.object({ messageId: z.string(), conversationIds: z.array(z.string()) }))
  .mutation(async ({ ctx, input }) => {
    // Counted before any work: a flood of sends costs the sender, not the recipient.
    await ctx.services.rateLimits.consume("message-send", userKey(ctx.user.id));
    return sendMessage(ctx.services, {
      senderId: ctx.user.id,
      conversationId: input.conversationId,
      body: input.body,
      attachment: input.attachment ? decodeAttachmentBase64(input.attachment) : undefined,
      toWholeSession: input.toWholeSession,
    });
  });
