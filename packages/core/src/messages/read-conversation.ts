import type { Db } from "@mentora/db";
import { AppError } from "../errors/index.ts";
import { markReadAbout } from "../notifications/index.ts";
import { publishRealtime } from "../realtime/index.ts";
import { canWrite, conversationClosesAt, conversationFor } from "./conversations.ts";

export const conversationPageSize = 30;

/** Where a participant's browser fetches a message's image (the web route checks access again). */
export function attachmentPath(conversationId: string, messageId: string): string {
  return `/messages/${conversationId}/attachments/${messageId}`;
}

/**
 * One page of a conversation, newest first, for one of its participants (else NOT_FOUND).
 * `cursor`: the id of the oldest message of the previous page. A hidden message keeps its
 * place but loses its text and image.
 */
export async function readConversation(
  prisma: Db,
  input: { userId: string; conversationId: string; cursor?: string; limit?: number },
  now = new Date(),
) {
  const view = await conversationFor(prisma, input.conversationId, input.userId);
  const limit = input.limit ?? conversationPageSize;
  if (input.cursor) {
    const inConversation = await prisma.message.count({
      where: { id: input.cursor, conversationId: view.id },
    });
    if (!inConversation) throw new AppError("NOT_FOUND");
  }
  const rows = await prisma.message.findMany({
    where: { conversationId: view.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      senderId: true,
      body: true,
      attachmentKey: true,
      attachmentWidth: true,
      attachmentHeight: true,
      attachmentState: true,
      createdAt: true,
      hiddenAt: true,
    },
  });
  const page = rows.slice(0, limit);
  const names = new Map(view.participants.map((p) => [p.userId, p.name]));
  const others = view.participants.filter((p) => p.userId !== input.userId);
  const closesAt = conversationClosesAt(view.booking);
  const session = view.booking.session;
  return {
    id: view.id,
    bookingId: view.booking.id,
    title: view.booking.offeringTitle,
    startsAt: session.startsAt,
    bookingStatus: view.booking.status,
    myRole: view.me.role,
    participants: view.participants,
    closesAt,
    canWrite: await canWrite(prisma, view, now),
    // A group session: the mentor may send one message to every participant.
    canWriteToWholeSession: view.me.role === "MENTOR" && session.capacity > 1,
    messages: page.map((m) => {
      const hidden = m.hiddenAt !== null;
      const mine = m.senderId === input.userId;
      // PENDING: only the sender sees it ("being checked"); BLOCKED: nobody gets the image.
      const imageState = m.attachmentKey ? (m.attachmentState ?? "ALLOWED") : null;
      const imageVisible = imageState === "ALLOWED" || (imageState === "PENDING" && mine);
      return {
        id: m.id,
        senderId: m.senderId,
        senderName: names.get(m.senderId) ?? "",
        mine,
        body: hidden ? null : m.body,
        hidden,
        attachment:
          !hidden && imageVisible
            ? {
                url: attachmentPath(view.id, m.id),
                width: m.attachmentWidth ?? 0,
                height: m.attachmentHeight ?? 0,
                pending: imageState === "PENDING",
              }
            : null,
        // The sender's own page says their image was withheld by moderation.
        attachmentBlocked: !hidden && mine && imageState === "BLOCKED",
        createdAt: m.createdAt,
        // Read receipt: every other participant has seen it.
        seen:
          m.senderId === input.userId &&
          others.length > 0 &&
          others.every((p) => p.lastReadAt !== null && p.lastReadAt >= m.createdAt),
      };
    }),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * Read receipt: this participant has seen the conversation up to `messageId` (never moves
 * back). Tells the other participants' pages, so their "seen" marks appear live.
 */
export async function markConversationRead(
  prisma: Db,
  input: { userId: string; conversationId: string; messageId: string },
): Promise<{ lastReadAt: Date | null }> {
  const view = await conversationFor(prisma, input.conversationId, input.userId);
  const message = await prisma.message.findFirst({
    where: { id: input.messageId, conversationId: view.id },
    select: { createdAt: true },
  });
  if (!message) throw new AppError("NOT_FOUND");
  return prisma.$transaction(async (tx) => {
    const moved = await tx.conversationParticipant.updateMany({
      where: {
        conversationId: view.id,
        userId: input.userId,
        OR: [{ lastReadAt: null }, { lastReadAt: { lt: message.createdAt } }],
      },
      data: { lastReadAt: message.createdAt },
    });
    if (moved.count > 0) {
      // Read here: its "new message" notifications are read too (no digest e-mail for them).
      await markReadAbout(tx, { userId: input.userId, subjectId: view.id });
      await publishRealtime(tx, {
        userIds: view.participants.map((p) => p.userId),
        topic: "conversation",
        ref: view.id,
      });
    }
    const me = await tx.conversationParticipant.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId: view.id, userId: input.userId } },
      select: { lastReadAt: true },
    });
    return { lastReadAt: me.lastReadAt };
  });
}

/** The viewer's conversations, the most recently active first, with their unread counts. */
export async function listConversations(
  prisma: Db,
  input: { userId: string; limit?: number; cursor?: string },
) {
  const limit = input.limit ?? 50;
  const rows = await prisma.conversationParticipant.findMany({
    where: { userId: input.userId },
    orderBy: [
      { conversation: { lastMessageAt: { sort: "desc", nulls: "last" } } },
      { conversationId: "desc" },
    ],
    take: limit + 1,
    ...(input.cursor
      ? {
          cursor: { conversationId_userId: { conversationId: input.cursor, userId: input.userId } },
          skip: 1,
        }
      : {}),
    select: {
      lastReadAt: true,
      conversation: {
        select: {
          id: true,
          bookingId: true,
          lastMessageAt: true,
          booking: {
            select: { offeringTitle: true, status: true, session: { select: { startsAt: true } } },
          },
          participants: {
            where: { userId: { not: input.userId } },
            select: { user: { select: { name: true } } },
          },
          messages: {
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: 1,
            select: {
              body: true,
              hiddenAt: true,
              senderId: true,
              attachmentKey: true,
              attachmentState: true,
            },
          },
        },
      },
    },
  });
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.conversation.id);
  const unread = ids.length
    ? await prisma.$queryRaw<{ conversationId: string; count: bigint }[]>`
        SELECT m."conversationId", count(*) AS count
        FROM message m
        JOIN conversation_participant p
          ON p."conversationId" = m."conversationId" AND p."userId" = ${input.userId}
        WHERE m."conversationId" = ANY(${ids}::text[])
          AND m."senderId" <> ${input.userId}
          AND (p."lastReadAt" IS NULL OR m."createdAt" > p."lastReadAt")
        GROUP BY m."conversationId"`
    : [];
  const unreadOf = new Map(unread.map((u) => [u.conversationId, Number(u.count)]));
  return {
    items: page.map(({ conversation: c }) => {
      const last = c.messages[0];
      return {
        id: c.id,
        bookingId: c.bookingId,
        title: c.booking.offeringTitle,
        startsAt: c.booking.session.startsAt,
        bookingStatus: c.booking.status,
        with: c.participants.map((p) => p.user.name),
        lastMessageAt: c.lastMessageAt,
        lastMessage: last
          ? {
              preview: last.hiddenAt ? null : last.body.slice(0, 140),
              hidden: last.hiddenAt !== null,
              // As on the page: a pending image only for its sender, a blocked one for nobody.
              hasAttachment:
                last.attachmentKey !== null &&
                (last.attachmentState === null ||
                  last.attachmentState === "ALLOWED" ||
                  (last.attachmentState === "PENDING" && last.senderId === input.userId)),
              mine: last.senderId === input.userId,
            }
          : null,
        unread: unreadOf.get(c.id) ?? 0,
      };
    }),
    nextCursor: rows.length > limit ? (page.at(-1)?.conversation.id ?? null) : null,
  };
}

/**
 * "Is typing": tells the other participants' open pages (not the author's own tabs) for a few
 * seconds. Only from someone who may write; nothing is stored but the stream rows.
 */
export async function signalTyping(
  prisma: Db,
  input: { userId: string; conversationId: string },
  now = new Date(),
): Promise<void> {
  const view = await conversationFor(prisma, input.conversationId, input.userId);
  if (!(await canWrite(prisma, view, now))) throw new AppError("CONVERSATION_CLOSED");
  await prisma.$transaction((tx) =>
    publishRealtime(tx, {
      userIds: view.participants.filter((p) => p.userId !== input.userId).map((p) => p.userId),
      topic: "conversation.typing",
      ref: view.id,
    }),
  );
}
