import type { Db, Prisma } from "@mentora/db";
import type { AppServices } from "../app/types.ts";

/** For a person's data export: the messages they wrote (what others wrote is others' data). */
export async function messagesWrittenBy(db: Db, userId: string) {
  const rows = await db.message.findMany({
    where: { senderId: userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      conversationId: true,
      body: true,
      attachmentKey: true,
      createdAt: true,
      hiddenAt: true,
      conversation: { select: { bookingId: true } },
    },
  });
  return rows.map((m) => ({
    id: m.id,
    conversationId: m.conversationId,
    bookingId: m.conversation.bookingId,
    body: m.body,
    hadImage: m.attachmentKey !== null,
    sentAt: m.createdAt,
    hiddenByModerationAt: m.hiddenAt,
  }));
}

/**
 * Account deletion, in its transaction: the person's messages lose their text and image (the
 * rows stay so the other participant's conversation keeps its shape, under "Deleted user").
 * Returns the image keys to delete after the commit (see deleteUnreferencedAttachments).
 */
export async function eraseMessagesOf(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<string[]> {
  const withImages = await tx.message.findMany({
    where: { senderId: userId, attachmentKey: { not: null } },
    select: { attachmentKey: true },
  });
  await tx.message.updateMany({
    where: { senderId: userId },
    data: { body: "", attachmentKey: null, attachmentWidth: null, attachmentHeight: null },
  });
  return [...new Set(withImages.flatMap((m) => (m.attachmentKey ? [m.attachmentKey] : [])))];
}

/** Deletes stored images no message points at any more (keys are shared by identical images). */
export async function deleteUnreferencedAttachments(
  services: Pick<AppServices, "prisma" | "files" | "logger">,
  keys: readonly string[],
): Promise<void> {
  for (const key of keys) {
    if ((await services.prisma.message.count({ where: { attachmentKey: key } })) > 0) continue;
    try {
      await services.files.delete(key);
    } catch (error) {
      services.logger.error({ err: error, key }, "could not delete a message image");
    }
  }
}
