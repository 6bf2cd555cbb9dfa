import type { Db, Prisma } from "@mentora/db";

const personSelect = { id: true, name: true, email: true, locale: true, timezone: true } as const;

/** Everything a booking email or calendar file shows, in one query. */
export const bookingDetailsSelect = {
  id: true,
  status: true,
  scheduleVersion: true,
  offeringTitle: true,
  durationMinutes: true,
  cancelledBy: true,
  cancelReason: true,
  createdAt: true,
  mentee: { select: personSelect },
  session: {
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      mentor: { select: personSelect },
    },
  },
} satisfies Prisma.BookingSelect;

export type BookingDetails = Prisma.BookingGetPayload<{ select: typeof bookingDetailsSelect }>;
export type BookingPerson = BookingDetails["mentee"];

export function loadBookingDetails(
  db: Db | Prisma.TransactionClient,
  bookingId: string,
): Promise<BookingDetails | null> {
  return db.booking.findUnique({ where: { id: bookingId }, select: bookingDetailsSelect });
}
