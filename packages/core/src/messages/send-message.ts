import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { enqueue } from "../jobs/define.ts";
import { publishRealtime } from "../realtime/index.ts";
import { processAttachment, storeAttachment } from "./attachments.ts";
import {
  canWrite,
  conversationFor,
  ensureConversation,
  sessionBookingsFor,
} from "./conversations.ts";
import { messageReported, messageSent } from "./events.ts";
import { moderateAttachmentQueue } from "./moderate-attachment.queue.ts";
import { type ModerateMessage, moderateMessage } from "./moderation.ts";

export const maxMessageLength = 4000;

export interface SendMessageInput {
  senderId: string;
  conversationId: string;
  body: string;
  /** Raw upload bytes of an image; checked and re-encoded here. */
  attachment?: Uint8Array;
  /** Mentor of a group session: the same message to every live place of the session. */
  toWholeSession?: boolean;
}

export interface SendMessageOptions {
  now?: Date;
  /** The moderation hook (default: the AI provider's, see moderation.ts); tests may pass their own. */
  moderate?: ModerateMessage;
}

type SendServices = AppServices;

/**
 * Sends a message: only a participant (else NOT_FOUND), never into a closed conversation or by
 * a blocked mentee (CONVERSATION_CLOSED), after the moderation hook. In one transaction per
 * send: the message(s), the sender's read receipt, `message.sent` per message and a realtime
 * "conversation" publication to every participant (the author's other tabs too), and for an
 * image the `message.moderate-attachment` job (the image stays withheld until it allows it).
 * Returns the id of the message in the conversation it was sent from.
 */
export async function sendMessage(
  services: SendServices,
  input: SendMessageInput,
  options: SendMessageOptions = {},
): Promise<{ messageId: string; conversationIds: string[] }> {
  const now = options.now ?? new Date();
  const moderate: ModerateMessage =
    options.moderate ?? ((check) => moderateMessage(services, check));
  const body = input.body.trim();
  if (body.length > maxMessageLength) throw new AppError("VALIDATION_FAILED");
  if (body.length === 0 && !input.attachment) throw new AppError("VALIDATION_FAILED");

  const view = await conversationFor(services.prisma, input.conversationId, input.senderId);
  if (input.toWholeSession && view.me.role !== "MENTOR") throw new AppError("FORBIDDEN");
  if (!(await canWrite(services.prisma, view, now))) {
    services.logger.info(
      { conversationId: view.id, userId: input.senderId },
      "message refused: conversation closed or sender blocked",
    );
    throw new AppError("CONVERSATION_CLOSED");
  }

  const image = input.attachment ? await processAttachment(input.attachment) : undefined;
  // The text only: an image is checked by the worker's job, enqueued below.
  const verdict = await moderate({
    text: body,
    senderId: input.senderId,
    conversationId: view.id,
  });
  if (verdict.verdict === "block") throw new AppError("MESSAGE_REJECTED");
  // Stored before the transaction: a rollback leaves an unreferenced file, never a dangling row.
  const attachmentKey = image ? await storeAttachment(services.files, image) : undefined;

  return services.prisma.$transaction(async (tx) => {
    const targets = [view.id];
    if (input.toWholeSession) {
      for (const booking of await sessionBookingsFor(tx, view.booking.sessionId)) {
        const id = await ensureConversation(tx, booking);
        if (!targets.includes(id)) targets.push(id);
      }
    }
    let firstId = "";
    for (const conversationId of targets) {
      const message = await tx.message.create({
        data: {
          conversationId,
          senderId: input.senderId,
          body,
          attachmentKey: attachmentKey ?? null,
          attachmentWidth: image?.width ?? null,
          attachmentHeight: image?.height ?? null,
          // Withheld from the other participants until moderate-attachment.job.ts allows it.
          attachmentState: image ? "PENDING" : null,
          createdAt: now,
        },
        select: { id: true },
      });
      firstId ||= message.id;
      if (image) {
        await enqueue(
          services.boss,
          moderateAttachmentQueue,
          { messageId: message.id },
          { db: fromPrisma(tx) },
        );
      }
      await tx.conversation.update({ where: { id: conversationId }, data: { lastMessageAt: now } });
      // The author has seen what they wrote.
      await tx.conversationParticipant.update({
        where: { conversationId_userId: { conversationId, userId: input.senderId } },
        data: { lastReadAt: now },
      });
      const participants = await tx.conversationParticipant.findMany({
        where: { conversationId },
        select: { userId: true },
      });
      const everyone = participants.map((p) => p.userId);
      await publishRealtime(tx, { userIds: everyone, topic: "conversation", ref: conversationId });
      await recordEvent(
        services,
        tx,
        messageSent.of(
          {
            messageId: message.id,
            conversationId,
            senderId: input.senderId,
            recipientIds: everyone.filter((id) => id !== input.senderId),
          },
          now,
        ),
      );
      if (verdict.verdict === "review") {
        const report = await tx.messageReport.create({
          data: { messageId: message.id, source: "MODERATION", reason: verdict.reason ?? null },
          select: { id: true },
        });
        await recordEvent(
          services,
          tx,
          messageReported.of(
            {
              reportId: report.id,
              messageId: message.id,
              conversationId,
              source: "MODERATION",
              reporterId: null,
            },
            now,
          ),
        );
      }
    }
    return { messageId: firstId, conversationIds: targets };
  });
}
