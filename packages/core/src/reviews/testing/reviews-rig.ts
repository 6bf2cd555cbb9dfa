import { randomUUID } from "node:crypto";
import type { App } from "../../app/index.ts";
import { callerFor, signUpVerifiedUser } from "../../testing/index.ts";

const HOUR = 3_600_000;
let sequence = 0;

/** A signed-up, verified person with a tRPC caller (their session cookie). */
export async function person(app: App, name: string, role?: "MENTOR" | "ADMIN") {
  sequence += 1;
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${sequence}-${randomUUID().slice(0, 8)}@mentora.test`;
  const user = await signUpVerifiedUser(app, { name, email });
  if (role) await app.prisma.user.update({ where: { id: user.userId }, data: { role } });
  return {
    id: user.userId,
    email,
    cookie: user.cookie,
    caller: await callerFor(app, { cookie: user.cookie, "user-agent": "reviews-test" }),
  };
}

/** An approved, listed mentor (rows straight in the database) with one 50 EUR offering. */
export async function listedMentor(app: App, name = "Grace Mentor") {
  const mentor = await person(app, name, "MENTOR");
  await app.prisma.user.update({
    where: { id: mentor.id },
    data: { headline: "Staff engineer", bio: "Ten years of shipping software.", languages: ["en"] },
  });
  await app.prisma.mentorProfile.create({ data: { userId: mentor.id, status: "APPROVED" } });
  const offering = await app.prisma.offering.create({
    data: {
      mentorId: mentor.id,
      title: "CV review",
      description: "A careful look at your CV.",
      kind: "GROUP",
      capacity: 5,
      options: { create: { durationMinutes: 60, priceMinor: 5000, currency: "EUR" } },
    },
    include: { options: true },
  });
  return { ...mentor, offering, option: offering.options[0]! };
}

export interface PastSessionOptions {
  /** How long ago the session ended. */
  endedAgoMs: number;
  /** The room's attendance verdict; null = no verdict recorded yet. */
  verdict?: "ATTENDED" | "MENTOR_NO_SHOW" | "MENTEE_NO_SHOW" | "NO_ATTENDANCE" | null;
  /** Session and bookings COMPLETED (default), or still CONFIRMED/SCHEDULED. */
  completed?: boolean;
}

let slot = 0;

/**
 * A past session of `mentor` with one booking per mentee, its video room with `verdict`, and
 * each mentee's time in the call (`minutes`, 0 = never joined); the mentor was there throughout.
 */
export async function pastSession(
  app: App,
  mentor: Awaited<ReturnType<typeof listedMentor>>,
  participants: { id: string; minutes: number }[],
  options: PastSessionOptions,
) {
  slot += 1;
  // Distinct hours per session: the mentor's calendar forbids overlaps (ended, but SCHEDULED
  // sessions still count).
  const endsAt = new Date(Date.now() - options.endedAgoMs - slot * 2 * HOUR);
  const startsAt = new Date(endsAt.getTime() - HOUR);
  const completed = options.completed ?? true;
  const session = await app.prisma.mentoringSession.create({
    data: {
      mentorId: mentor.id,
      offeringId: mentor.offering.id,
      optionId: mentor.option.id,
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      capacity: 5,
      status: completed ? "COMPLETED" : "SCHEDULED",
    },
  });
  const bookings = [];
  for (const participant of participants) {
    bookings.push(
      await app.prisma.booking.create({
        data: {
          sessionId: session.id,
          menteeId: participant.id,
          status: completed ? "COMPLETED" : "CONFIRMED",
          offeringTitle: mentor.offering.title,
          durationMinutes: 60,
          priceMinor: 5000,
          currency: "EUR",
          confirmedAt: startsAt,
        },
      }),
    );
  }
  const verdict = options.verdict === undefined ? "ATTENDED" : options.verdict;
  const roomSid = `RM${randomUUID().replace(/-/g, "")}`;
  await app.prisma.videoRoom.create({
    data: {
      sessionId: session.id,
      provider: "local",
      roomSid,
      uniqueName: `session-${session.id}`,
      type: "group",
      maxParticipants: 6,
      state: verdict ? "COMPLETED" : "OPEN",
      verdict,
      completedAt: verdict ? endsAt : null,
    },
  });
  const connect = (userId: string, minutes: number) =>
    app.prisma.videoConnection.create({
      data: {
        sessionId: session.id,
        userId,
        roomSid,
        participantSid: `PA${randomUUID().replace(/-/g, "")}`,
        connectedAt: startsAt,
        disconnectedAt: new Date(startsAt.getTime() + minutes * 60_000),
        durationSeconds: minutes * 60,
      },
    });
  await connect(mentor.id, 60);
  for (const participant of participants) {
    if (participant.minutes > 0) await connect(participant.id, participant.minutes);
  }
  return { session, bookings };
}
