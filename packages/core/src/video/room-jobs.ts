import type { Prisma } from "@mentora/db";
import { fromPrisma, type PgBoss } from "pg-boss";
import { z } from "zod";
import type { AppServices } from "../app/types.ts";
import { deterministicJobId } from "../bookings/index.ts";
import { completeSession } from "../earnings/index.ts";
import { defineJob, enqueue } from "../jobs/define.ts";
import { closeRoom, openRoom } from "./rooms.ts";
import { applyAttendanceVerdict } from "./verdict.ts";

const retries = { retryLimit: 10, retryDelay: 15, retryBackoff: true } as const;

/**
 * Opens the room shortly before the start. The job carries the start it was planned for: a
 * rescheduled session has a newer job, and this one does nothing.
 */
export const openRoomJob = defineJob({
  name: "video.open-room",
  schema: z.object({ sessionId: z.string(), startsAt: z.iso.datetime() }),
  queue: { ...retries, deadLetter: "video.open-room.dead" },
  async handle({ sessionId, startsAt }, services) {
    const session = await services.prisma.mentoringSession.findUnique({
      where: { id: sessionId },
      select: { startsAt: true },
    });
    if (session?.startsAt.toISOString() !== startsAt) return;
    await openRoom(services, sessionId);
  },
});

/**
 * After the end and the grace period: completes the room, decides attendance, applies it (a
 * mentor no-show refunds), then completes the session, which plans the earnings release.
 */
export const closeRoomJob = defineJob({
  name: "video.close-room",
  schema: z.object({ sessionId: z.string(), endsAt: z.iso.datetime() }),
  queue: { ...retries, deadLetter: "video.close-room.dead" },
  async handle({ sessionId, endsAt }, services) {
    const session = await services.prisma.mentoringSession.findUnique({
      where: { id: sessionId },
      select: { endsAt: true, status: true },
    });
    if (!session || session.endsAt.toISOString() !== endsAt) return;
    const verdict = await closeRoom(services, sessionId);
    if (session.status === "CANCELLED") return;
    // Refunds first: a completed session's earnings are released from what refunds leave.
    await applyAttendanceVerdict(services, sessionId, verdict);
    await services.prisma.$transaction((tx) =>
      completeSession(services, tx, sessionId, { reason: `attendance:${verdict}` }),
    );
  },
});

/**
 * Plans the room of a confirmed booking's session: open at start − VIDEO_JOIN_MINUTES_BEFORE,
 * close at end + VIDEO_ROOM_GRACE_MINUTES. Job ids derive from the session and its times, so
 * the bookings of a group session (and retries) plan each room once; a reschedule plans anew.
 */
export async function scheduleVideoRoom(
  services: Pick<AppServices, "boss" | "config">,
  tx: Prisma.TransactionClient,
  bookingId: string,
): Promise<void> {
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    select: { status: true, session: { select: { id: true, startsAt: true, endsAt: true } } },
  });
  if (booking.status !== "CONFIRMED") return;
  const { id: sessionId, startsAt, endsAt } = booking.session;
  await planRoomJobs(services.boss, fromPrisma(tx), services.config, {
    sessionId,
    startsAt,
    endsAt,
  });
}

export async function planRoomJobs(
  boss: PgBoss,
  db: ReturnType<typeof fromPrisma>,
  config: AppServices["config"],
  session: { sessionId: string; startsAt: Date; endsAt: Date },
): Promise<void> {
  const { sessionId, startsAt, endsAt } = session;
  await enqueue(
    boss,
    openRoomJob,
    { sessionId, startsAt: startsAt.toISOString() },
    {
      db,
      startAfter: new Date(startsAt.getTime() - config.video.joinBeforeMs),
      id: deterministicJobId(openRoomJob.name, sessionId, startsAt.toISOString()),
    },
  );
  await enqueue(
    boss,
    closeRoomJob,
    { sessionId, endsAt: endsAt.toISOString() },
    {
      db,
      startAfter: new Date(endsAt.getTime() + config.video.graceMs),
      id: deterministicJobId(closeRoomJob.name, sessionId, endsAt.toISOString()),
    },
  );
}
