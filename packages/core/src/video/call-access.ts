import type { AppServices } from "../app/types.ts";
import { AppError } from "../errors/index.ts";

export interface CallAccess {
  role: "MENTOR" | "PARTICIPANT";
  session: {
    id: string;
    title: string;
    startsAt: Date;
    endsAt: Date;
    status: "SCHEDULED" | "CANCELLED" | "COMPLETED";
  };
  /** When tokens are given: VIDEO_JOIN_MINUTES_BEFORE before the start. */
  opensAt: Date;
  people: { id: string; name: string; role: "MENTOR" | "PARTICIPANT" }[];
}

/**
 * Who may be in a session's call: its mentor and the participants whose place is confirmed (so
 * paid, when the session is paid). Anyone else — another user, a participant still on hold or
 * cancelled, an unknown session — is FORBIDDEN, the same answer for each, so ids reveal nothing.
 */
export async function callAccess(
  services: AppServices,
  userId: string,
  sessionId: string,
): Promise<CallAccess> {
  const session = await services.prisma.mentoringSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      mentorId: true,
      startsAt: true,
      endsAt: true,
      status: true,
      mentor: { select: { name: true } },
      offering: { select: { title: true } },
      bookings: {
        where: { status: { in: ["CONFIRMED", "COMPLETED"] } },
        select: { menteeId: true, mentee: { select: { name: true } } },
      },
    },
  });
  const isMentor = session?.mentorId === userId;
  const isParticipant = session?.bookings.some((b) => b.menteeId === userId) ?? false;
  if (!session || (!isMentor && !isParticipant)) throw new AppError("FORBIDDEN");
  return {
    role: isMentor ? "MENTOR" : "PARTICIPANT",
    session: {
      id: session.id,
      title: session.offering.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      status: session.status,
    },
    opensAt: new Date(session.startsAt.getTime() - services.config.video.joinBeforeMs),
    people: [
      { id: session.mentorId, name: session.mentor.name, role: "MENTOR" as const },
      ...session.bookings.map((b) => ({
        id: b.menteeId,
        name: b.mentee.name,
        role: "PARTICIPANT" as const,
      })),
    ],
  };
}

/** Refuses a token outside the session's window, with codes the call page explains. */
export function assertCallOpen(access: CallAccess, now: Date): void {
  if (access.session.status === "CANCELLED") throw new AppError("BOOKING_CANCELLED");
  if (now < access.opensAt) {
    throw new AppError("VIDEO_NOT_OPEN_YET", { opensAt: access.opensAt.toISOString() });
  }
  if (now >= access.session.endsAt || access.session.status === "COMPLETED") {
    throw new AppError("VIDEO_SESSION_ENDED");
  }
}
