import { randomUUID } from "node:crypto";
import type { Db } from "@mentora/db";

export interface PersonOptions {
  name?: string;
  locale?: string | null;
  timezone?: string | null;
}

export interface BookingFixtureOptions {
  startsAt: Date;
  durationMinutes?: number;
  status?: "PENDING_PAYMENT" | "CONFIRMED" | "COMPLETED" | "CANCELLED" | "EXPIRED";
  scheduleVersion?: number;
  title?: string;
  /** Group sessions take several bookings (see addParticipant). */
  capacity?: number;
  mentor?: PersonOptions;
  mentee?: PersonOptions;
}

function createUser(prisma: Db, role: "MENTOR" | "MENTEE", person: PersonOptions = {}) {
  const id = randomUUID();
  return prisma.user.create({
    data: {
      id,
      name: person.name ?? (role === "MENTOR" ? "Grace Mentor" : "Ada Mentee"),
      email: `${role.toLowerCase()}-${id}@mentora.test`,
      emailVerified: true,
      role,
      locale: person.locale ?? null,
      timezone: person.timezone ?? null,
    },
  });
}

/** Rows straight into the database: a mentor, an offering, a session, a mentee's booking. */
export async function createBookingFixture(prisma: Db, options: BookingFixtureOptions) {
  const durationMinutes = options.durationMinutes ?? 60;
  const capacity = options.capacity ?? 1;
  const mentor = await createUser(prisma, "MENTOR", options.mentor);
  const mentee = await createUser(prisma, "MENTEE", options.mentee);
  const offering = await prisma.offering.create({
    data: {
      mentorId: mentor.id,
      title: options.title ?? "CV review",
      description: "A careful look at your CV.",
      kind: capacity > 1 ? "GROUP" : "ONE_TO_ONE",
      capacity,
      options: { create: { durationMinutes, priceMinor: 5000, currency: "EUR" } },
    },
    include: { options: true },
  });
  const option = offering.options[0]!;
  const endsAt = new Date(options.startsAt.getTime() + durationMinutes * 60_000);
  const session = await prisma.mentoringSession.create({
    data: {
      mentorId: mentor.id,
      offeringId: offering.id,
      optionId: option.id,
      startsAt: options.startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + 15 * 60_000),
      capacity,
    },
  });
  const booking = await createBooking(prisma, session.id, mentee.id, offering.title, options);
  return { mentor, mentee, offering, session, booking };
}

function createBooking(
  prisma: Db,
  sessionId: string,
  menteeId: string,
  title: string,
  options: Pick<BookingFixtureOptions, "status" | "scheduleVersion" | "durationMinutes">,
) {
  const status = options.status ?? "CONFIRMED";
  return prisma.booking.create({
    data: {
      sessionId,
      menteeId,
      status,
      offeringTitle: title,
      durationMinutes: options.durationMinutes ?? 60,
      priceMinor: 5000,
      currency: "EUR",
      scheduleVersion: options.scheduleVersion ?? 1,
      confirmedAt: status === "CONFIRMED" ? new Date() : null,
    },
  });
}

/** Another mentee's confirmed booking in the same (group) session. */
export async function addParticipant(
  prisma: Db,
  fixture: Awaited<ReturnType<typeof createBookingFixture>>,
  mentee: PersonOptions = {},
) {
  const user = await createUser(prisma, "MENTEE", mentee);
  const booking = await createBooking(
    prisma,
    fixture.session.id,
    user.id,
    fixture.offering.title,
    {},
  );
  return { mentee: user, booking };
}
