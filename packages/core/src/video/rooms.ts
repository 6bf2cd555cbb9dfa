import type { Prisma } from "@mentora/db";
import { roomSettingsFor, type VideoRoom } from "@mentora/video";
import type { AppServices } from "../app/types.ts";

/** Our name for a session's room at the provider: the idempotency key of its creation. */
export const roomNameOf = (sessionId: string) => `booking-session:${sessionId}`;

/** Where the provider posts room and participant events. */
export const statusCallbackUrl = (services: AppServices) =>
  new URL("/api/webhooks/twilio", services.config.app.publicUrl).toString();

type Tx = Prisma.TransactionClient;

/**
 * Creates the session's room at the provider (or finds the one already there: ensureRoom is
 * idempotent on the unique name) and records it. Nothing for a session that is not scheduled
 * or has no confirmed participant. Returns the room row, or null when none is needed.
 */
export async function openRoom(services: AppServices, sessionId: string) {
  const { prisma, video, config } = services;
  const session = await prisma.mentoringSession.findUnique({
    where: { id: sessionId },
    include: {
      offering: { select: { kind: true } },
      videoRoom: true,
      _count: { select: { bookings: { where: { status: "CONFIRMED" } } } },
    },
  });
  if (session?.status !== "SCHEDULED" || session._count.bookings === 0) return null;
  if (session.videoRoom?.state === "OPEN") return session.videoRoom;

  const settings = roomSettingsFor({
    kind: session.offering.kind,
    capacity: session.capacity,
    oneToOneRoomType: config.video.oneToOneRoomType,
  });
  const room: VideoRoom = await video.ensureRoom({
    uniqueName: roomNameOf(sessionId),
    ...settings,
    statusCallbackUrl: statusCallbackUrl(services),
  });
  const data = {
    provider: video.id,
    roomSid: room.sid,
    uniqueName: room.uniqueName,
    type: room.type,
    maxParticipants: room.maxParticipants,
    state: "OPEN" as const,
    verdict: null,
    completedAt: null,
  };
  return prisma.videoRoom.upsert({
    where: { sessionId },
    create: { sessionId, ...data },
    update: data,
  });
}

export interface Attendance {
  userId: string;
  role: "MENTOR" | "PARTICIPANT";
  seconds: number;
}

/**
 * Seconds each person spent in the call: the provider's duration of each closed connection, or
 * the time from connecting until `until` for one still open, overlapping connections of one
 * person (two tabs) counted once.
 */
export async function attendanceOf(
  db: Tx | AppServices["prisma"],
  sessionId: string,
  until: Date,
): Promise<Attendance[]> {
  const session = await db.mentoringSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      mentorId: true,
      bookings: {
        where: { status: { in: ["CONFIRMED", "COMPLETED"] } },
        select: { menteeId: true },
      },
      connections: true,
    },
  });
  const secondsOf = secondsInCall(session.connections, until);
  return [
    { userId: session.mentorId, role: "MENTOR" as const, seconds: secondsOf(session.mentorId) },
    ...session.bookings.map((b) => ({
      userId: b.menteeId,
      role: "PARTICIPANT" as const,
      seconds: secondsOf(b.menteeId),
    })),
  ];
}

/** What a call's connection records: who, from when, until when (or for how long). */
export interface CallConnection {
  userId: string;
  connectedAt: Date;
  disconnectedAt: Date | null;
  durationSeconds: number | null;
}

/**
 * Seconds in the call per person, from a session's connections (attendanceOf's rule, for
 * callers that read the connections themselves): the provider's duration of each closed
 * connection, or the time until `until` for one still open; overlaps of one person counted once.
 */
export function secondsInCall(
  connections: readonly CallConnection[],
  until: Date,
): (userId: string) => number {
  const intervals = new Map<string, [number, number][]>();
  for (const c of connections) {
    const start = c.connectedAt.getTime();
    const end =
      c.durationSeconds !== null
        ? start + c.durationSeconds * 1000
        : (c.disconnectedAt ?? until).getTime();
    if (end <= start) continue;
    intervals.set(c.userId, [...(intervals.get(c.userId) ?? []), [start, end]]);
  }
  return (userId) => {
    const list = (intervals.get(userId) ?? []).sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [from, to] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const [start, end] of list) {
      if (start > to) {
        if (to > from) total += to - from;
        [from, to] = [start, end];
      } else to = Math.max(to, end);
    }
    if (to > from) total += to - from;
    return Math.round(total / 1000);
  };
}

/** The rule the earnings use: who was there for at least the minimum. */
export function verdictOf(attendance: readonly Attendance[], minimumSeconds: number) {
  const present = (a: Attendance) => a.seconds >= minimumSeconds;
  const mentor = attendance.some((a) => a.role === "MENTOR" && present(a));
  const participant = attendance.some((a) => a.role === "PARTICIPANT" && present(a));
  if (mentor && participant) return "ATTENDED" as const;
  if (participant) return "MENTOR_NO_SHOW" as const;
  if (mentor) return "MENTEE_NO_SHOW" as const;
  // Nobody, or nobody for long enough: the call was not used.
  return "NO_ATTENDANCE" as const;
}

/**
 * After the session's end (plus grace): completes the room at the provider, closes connections
 * still open, and records who attended. Idempotent: a second call returns the recorded verdict.
 */
export async function closeRoom(services: AppServices, sessionId: string, now = new Date()) {
  const { prisma, video, config } = services;
  const room = await prisma.videoRoom.findUnique({ where: { sessionId } });
  if (room?.state === "OPEN") await video.completeRoom(room.roomSid);
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ state: string; verdict: string | null }[]>`
      SELECT state, verdict FROM video_room WHERE "sessionId" = ${sessionId} FOR UPDATE`;
    if (locked[0]?.verdict) return locked[0].verdict as ReturnType<typeof verdictOf>;
    await tx.videoConnection.updateMany({
      where: { sessionId, disconnectedAt: null },
      data: { disconnectedAt: now },
    });
    const verdict = verdictOf(
      await attendanceOf(tx, sessionId, now),
      config.video.minAttendanceMs / 1000,
    );
    if (locked.length > 0) {
      await tx.videoRoom.update({
        where: { sessionId },
        data: { state: "COMPLETED", completedAt: now, verdict },
      });
    }
    return verdict;
  });
}
