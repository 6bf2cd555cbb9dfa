import type { Prisma } from "@mentora/db";

/** What a booking procedure returns: the booking with its session, in one shape everywhere. */
export const bookingInclude = {
  session: {
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      capacity: true,
      offeringId: true,
      mentor: { select: { id: true, name: true, timezone: true, avatarVersion: true } },
      offering: { select: { kind: true } },
    },
  },
  skills: { select: { skill: { select: { slug: true, name: true } } } },
} satisfies Prisma.BookingInclude;

export type BookingWithSession = Prisma.BookingGetPayload<{ include: typeof bookingInclude }>;

/** Bookings that hold a place (declared by availability, which counts free places). */
export { liveBookingStatuses } from "../availability/index.ts";
