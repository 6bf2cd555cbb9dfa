import type { AppServices } from "../app/types.ts";
import { recordEvent } from "../events/index.ts";
import { defineHandler } from "../jobs/define.ts";
import { publishRealtime } from "../realtime/index.ts";
import { messageReported } from "./events.ts";
import { moderateAttachmentQueue } from "./moderate-attachment.queue.ts";
import { reasonOf } from "./moderation.ts";

/**
 * Checks a message's image in the worker (issue #16: the image model never loads in the web
 * process). The message was stored with its image PENDING (withheld from the other participants).
 * allow → ALLOWED; review → ALLOWED plus a MODERATION report; block → BLOCKED for good (the
 * text stays) plus a MODERATION report. Every outcome tells the participants' pages.
 */
export const moderateAttachmentJob = defineHandler(
  moderateAttachmentQueue,
  async ({ messageId }, services: AppServices) => {
    await moderateAttachment(services, messageId);
  },
);

export type ModerateAttachmentOutcome = "not-pending" | "allow" | "review" | "block";

export async function moderateAttachment(
  services: AppServices,
  messageId: string,
  now = new Date(),
): Promise<ModerateAttachmentOutcome> {
  const message = await services.prisma.message.findUnique({
    where: { id: messageId },
    select: { attachmentKey: true, attachmentState: true },
  });
  // Retried after a committed outcome, or erased since: nothing left to do.
  if (message?.attachmentState !== "PENDING" || !message.attachmentKey) return "not-pending";
  const file = await services.files.get(message.attachmentKey);
  // The file is written before the message row: missing means storage trouble, so retry.
  if (!file) throw new Error(`message ${messageId}: attachment file missing`);
  const result = await services.ai.moderation.moderateImage({
    bytes: file.bytes,
    contentType: "image/webp",
    context: "message",
  });
  const verdict = result.verdict;
  return services.prisma.$transaction(async (tx) => {
    // The guard makes a retry (or a second delivery) a no-op once one outcome committed.
    const decided = await tx.message.updateMany({
      where: { id: messageId, attachmentState: "PENDING" },
      data: { attachmentState: verdict === "block" ? "BLOCKED" : "ALLOWED" },
    });
    if (decided.count !== 1) return "not-pending";
    const row = await tx.message.findUniqueOrThrow({
      where: { id: messageId },
      select: { conversationId: true, conversation: { select: { participants: true } } },
    });
    if (verdict !== "allow") {
      const report = await tx.messageReport.create({
        data: { messageId, source: "MODERATION", reason: reasonOf("image", result) },
        select: { id: true },
      });
      await recordEvent(
        services,
        tx,
        messageReported.of(
          {
            reportId: report.id,
            messageId,
            conversationId: row.conversationId,
            source: "MODERATION",
            reporterId: null,
          },
          now,
        ),
      );
    }
    await publishRealtime(tx, {
      userIds: row.conversation.participants.map((p) => p.userId),
      topic: "conversation",
      ref: row.conversationId,
    });
    services.logger.info({ messageId, verdict }, "message image moderated");
    return verdict;
  });
}
