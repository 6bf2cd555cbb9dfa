import type { Prisma } from "@mentora/db";
import { publishRealtime } from "../realtime/index.ts";

/**
 * Tells the booking's mentee and its session's mentor (their calendar, their bookings page)
 * that it arrived, was cancelled or moved, in the transaction that did it (issue #15).
 */
export async function publishBookingChange(
  tx: Prisma.TransactionClient,
  bookingId: string,
): Promise<void> {
  const booking = await tx.booking.findUnique({
    where: { id: bookingId },
    select: { menteeId: true, session: { select: { mentorId: true } } },
  });
  if (!booking) return;
  await publishRealtime(tx, {
    userIds: [booking.session.mentorId, booking.menteeId],
    topic: "booking",
    ref: bookingId,
  });
}
