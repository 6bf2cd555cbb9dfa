import type { Prisma } from "@mentora/db";
import { z } from "zod";
import type { AppServices } from "../../app/types.ts";
import { pgErrorCode } from "../../db/pg-error.ts";
import { defineHandler } from "../../jobs/define.ts";
import { publishRealtime } from "../../realtime/index.ts";
import { processCallbackQueue, processCallbackRetryLimit } from "./process-callback.queue.ts";

/**
 * Turns a stored status callback into participant connections. Callbacks may come twice or out
 * of order (a disconnect before its connect): rows are keyed by the participant's sid and each
 * event only fills in what it knows, so any order ends in the same row.
 */
export const processCallbackJob = defineHandler(
  processCallbackQueue,
  async ({ callbackId }, services: AppServices) => {
    await processVideoCallback(services, callbackId);
  },
);

const storedEvent = z.object({
  type: z.enum(["room-created", "room-ended", "participant-connected", "participant-disconnected"]),
  roomSid: z.string(),
  roomName: z.string(),
  participantSid: z.string().optional(),
  participantIdentity: z.string().optional(),
  participantDurationSeconds: z.number().int().nonnegative().optional(),
  occurredAt: z.iso.datetime().transform((value) => new Date(value)),
});

const sessionIdOf = (roomName: string) => /^booking-session:(.+)$/.exec(roomName)?.[1] ?? null;

export async function processVideoCallback(services: AppServices, callbackId: string) {
  const { prisma, logger } = services;
  const row = await prisma.videoCallbackEvent.update({
    where: { id: callbackId },
    data: { attempts: { increment: 1 } },
  });
  if (row.status === "PROCESSED") return;
  try {
    await apply(services, storedEvent.parse(row.payload));
    await prisma.videoCallbackEvent.update({
      where: { id: row.id },
      data: { status: "PROCESSED", processedAt: new Date(), lastError: null },
    });
  } catch (error) {
    const dead = row.attempts > processCallbackRetryLimit;
    await prisma.videoCallbackEvent.update({
      where: { id: row.id },
      data: { status: dead ? "DEAD" : "FAILED", lastError: String(error).slice(0, 2000) },
    });
    logger.warn({ err: error, callbackId, attempt: row.attempts, dead }, "video callback failed");
    throw error;
  }
}

async function apply(services: AppServices, event: z.output<typeof storedEvent>) {
  const { prisma, logger } = services;
  const sessionId = sessionIdOf(event.roomName);
  const session = sessionId
    ? await prisma.mentoringSession.findUnique({
        where: { id: sessionId },
        select: { id: true, mentorId: true, bookings: { select: { menteeId: true } } },
      })
    : null;
  if (!session) {
    logger.info({ roomName: event.roomName, type: event.type }, "video callback for no session");
    return;
  }
  if (event.type === "room-ended") {
    await prisma.videoConnection.updateMany({
      where: { sessionId: session.id, roomSid: event.roomSid, disconnectedAt: null },
      data: { disconnectedAt: event.occurredAt },
    });
    // The provider ended it (empty room timeout): a later join opens a new room.
    await prisma.videoRoom.updateMany({
      where: { sessionId: session.id, roomSid: event.roomSid, state: "OPEN" },
      data: { state: "COMPLETED", completedAt: event.occurredAt },
    });
    await presenceChanged(services, session);
    return;
  }
  if (event.type === "room-created" || !event.participantSid) return;
  const userId = event.participantIdentity ?? "";
  const member = userId === session.mentorId || session.bookings.some((b) => b.menteeId === userId);
  if (!member) {
    logger.warn({ sessionId: session.id, userId }, "video participant is not of the session");
    return;
  }
  const key = { participantSid: event.participantSid };
  if (event.type === "participant-connected") {
    await upsertConnection(prisma, {
      where: key,
      create: {
        ...key,
        sessionId: session.id,
        userId,
        roomSid: event.roomSid,
        connectedAt: event.occurredAt,
      },
      update: {},
    });
    await presenceChanged(services, session);
    return;
  }
  const seconds = event.participantDurationSeconds;
  const connectedAt = new Date(event.occurredAt.getTime() - (seconds ?? 0) * 1000);
  await upsertConnection(prisma, {
    where: key,
    create: {
      ...key,
      sessionId: session.id,
      userId,
      roomSid: event.roomSid,
      connectedAt,
      disconnectedAt: event.occurredAt,
      durationSeconds: seconds ?? null,
    },
    update: { disconnectedAt: event.occurredAt, durationSeconds: seconds ?? null },
  });
  await presenceChanged(services, session);
}

/**
 * Tells the session's call pages (mentor and participants) that presence changed. Right after
 * the write rather than in its transaction: the upserts above retry a unique violation, which a
 * transaction could not survive; the row is committed before anyone is told.
 */
async function presenceChanged(
  services: AppServices,
  session: { id: string; mentorId: string; bookings: { menteeId: string }[] },
): Promise<void> {
  const userIds = [session.mentorId, ...session.bookings.map((booking) => booking.menteeId)];
  await services.prisma.$transaction((tx) =>
    publishRealtime(tx, { userIds, topic: "presence", ref: session.id }),
  );
}

/**
 * Prisma's upsert reads then writes: two callbacks for one participant at once (a status callback
 * and the local presence report) may both try the insert. The loser finds the row and updates it.
 */
async function upsertConnection(
  prisma: AppServices["prisma"],
  args: Prisma.VideoConnectionUpsertArgs,
): Promise<void> {
  try {
    await prisma.videoConnection.upsert(args);
  } catch (error) {
    if (pgErrorCode(error) !== "23505") throw error;
    await prisma.videoConnection.upsert(args);
  }
}
