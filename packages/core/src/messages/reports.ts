import { fileResponse } from "@mentora/files";
import type { AppServices } from "../app/types.ts";
import { type AuditActor, writeAudit } from "../audit/index.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { publishRealtime } from "../realtime/index.ts";
import type { Context } from "../trpc/context.ts";
import { messageReported } from "./events.ts";

/**
 * A recipient reports a message to the admins. Only a participant who did not write it (anyone
 * else: NOT_FOUND; the author: BAD_REQUEST). Reporting twice keeps the first report.
 */
export async function reportMessage(
  services: AppServices,
  input: { userId: string; messageId: string; reason?: string },
  now = new Date(),
): Promise<{ reportId: string }> {
  const message = await services.prisma.message.findFirst({
    where: {
      id: input.messageId,
      conversation: { participants: { some: { userId: input.userId } } },
    },
    select: { id: true, senderId: true, conversationId: true },
  });
  if (!message) throw new AppError("NOT_FOUND");
  if (message.senderId === input.userId) throw new AppError("BAD_REQUEST");
  return services.prisma.$transaction(async (tx) => {
    const existing = await tx.messageReport.findUnique({
      where: { messageId_reporterId: { messageId: message.id, reporterId: input.userId } },
      select: { id: true },
    });
    if (existing) return { reportId: existing.id };
    const report = await tx.messageReport.create({
      data: {
        messageId: message.id,
        source: "RECIPIENT",
        reporterId: input.userId,
        reason: input.reason?.trim() || null,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordEvent(
      services,
      tx,
      messageReported.of(
        {
          reportId: report.id,
          messageId: message.id,
          conversationId: message.conversationId,
          source: "RECIPIENT",
          reporterId: input.userId,
        },
        now,
      ),
    );
    return { reportId: report.id };
  });
}

/** The admins' queue: reports with the message they are about, oldest open first. */
export async function listMessageReports(
  services: Pick<AppServices, "prisma">,
  input: { status: "OPEN" | "DISMISSED" | "HIDDEN"; cursor?: string; limit?: number },
) {
  const limit = input.limit ?? 50;
  const rows = await services.prisma.messageReport.findMany({
    where: { status: input.status },
    orderBy: [{ createdAt: input.status === "OPEN" ? "asc" : "desc" }, { id: "asc" }],
    take: limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      source: true,
      reason: true,
      status: true,
      createdAt: true,
      decidedAt: true,
      reporter: { select: { id: true, name: true } },
      message: {
        select: {
          id: true,
          body: true,
          attachmentKey: true,
          createdAt: true,
          hiddenAt: true,
          conversationId: true,
          sender: { select: { id: true, name: true, email: true } },
          conversation: { select: { booking: { select: { id: true, offeringTitle: true } } } },
        },
      },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      source: r.source,
      reason: r.reason,
      status: r.status,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      reporter: r.reporter,
      message: {
        id: r.message.id,
        body: r.message.body,
        attachmentUrl: r.message.attachmentKey
          ? `/messages/${r.message.conversationId}/attachments/${r.message.id}`
          : null,
        createdAt: r.message.createdAt,
        hidden: r.message.hiddenAt !== null,
        sender: r.message.sender,
        bookingId: r.message.conversation.booking.id,
        bookingTitle: r.message.conversation.booking.offeringTitle,
      },
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * An admin's decision on an open report, for the message as a whole: "hide" removes its text
 * and image for everyone (the participants' pages update live), "dismiss" keeps it. Every open
 * report of that message takes the decision. Audited; a decided report is CONFLICT.
 */
export async function decideMessageReport(
  services: AppServices,
  input: { reportId: string; decision: "hide" | "dismiss"; actor: AuditActor },
  now = new Date(),
): Promise<{ status: "HIDDEN" | "DISMISSED" }> {
  return services.prisma.$transaction(async (tx) => {
    const report = await tx.messageReport.findUnique({
      where: { id: input.reportId },
      select: { status: true, messageId: true, message: { select: { conversationId: true } } },
    });
    if (!report) throw new AppError("NOT_FOUND");
    const status = input.decision === "hide" ? "HIDDEN" : "DISMISSED";
    const decided = await tx.messageReport.updateMany({
      where: { messageId: report.messageId, status: "OPEN" },
      data: { status, decidedAt: now, decidedById: input.actor.actorId },
    });
    if (report.status !== "OPEN" || decided.count === 0) throw new AppError("CONFLICT");
    if (input.decision === "hide") {
      await tx.message.update({ where: { id: report.messageId }, data: { hiddenAt: now } });
      const participants = await tx.conversationParticipant.findMany({
        where: { conversationId: report.message.conversationId },
        select: { userId: true },
      });
      await publishRealtime(tx, {
        userIds: participants.map((p) => p.userId),
        topic: "conversation",
        ref: report.message.conversationId,
      });
    }
    await writeAudit(tx, input.actor, {
      action: `message.${input.decision}`,
      targetType: "message",
      targetId: report.messageId,
      details: { reportId: input.reportId },
    });
    return { status };
  });
}

const notFound = () =>
  new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * `/messages/<conversationId>/attachments/<messageId>`: a message's image for the conversation's
 * participants (and admins, for a reported message). Everyone else, and hidden messages for
 * participants, get the same 404. Never cached by shared caches.
 */
export async function messageAttachmentForContext(
  ctx: Pick<Context, "services" | "session" | "requestId">,
  conversationId: string,
  messageId: string,
  request: Request,
): Promise<Response> {
  const user = ctx.session?.user;
  if (!user) return notFound();
  const { prisma, files, logger } = ctx.services;
  const isAdmin = user.role === "ADMIN";
  const message = await prisma.message.findFirst({
    where: {
      id: messageId,
      conversationId,
      attachmentKey: { not: null },
      OR: [
        // A participant: once the worker allowed it (null: checked before the job existed);
        // the sender also while it is being checked. Never once BLOCKED.
        {
          hiddenAt: null,
          conversation: { participants: { some: { userId: user.id } } },
          OR: [
            { attachmentState: null },
            { attachmentState: "ALLOWED" },
            { attachmentState: "PENDING", senderId: user.id },
          ],
        },
        ...(isAdmin ? [{ reports: { some: {} } }] : []),
      ],
    },
    select: { attachmentKey: true },
  });
  if (!message?.attachmentKey) return notFound();
  try {
    return await fileResponse(files, message.attachmentKey, request, { immutable: false });
  } catch (error) {
    logger.error({ err: error, messageId, requestId: ctx.requestId }, "could not serve an image");
    return new Response("Service unavailable", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}
