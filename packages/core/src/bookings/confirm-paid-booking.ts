import type { Prisma } from "@mentora/db";
import type { AppServices } from "../app/types.ts";
import { type EventOf, recordEvent } from "../events/index.ts";
import type { paymentSettled } from "../payments/index.ts";
import { bookingConfirmed } from "./events.ts";

/**
 * payment.settled, in the settling transaction: the booking the payment was captured for becomes
 * CONFIRMED and booking.confirmed is recorded. Settlement captured the money only after locking
 * the booking and finding it still PENDING_PAYMENT in a SCHEDULED session, so a miss here means
 * the two disagree: throwing rolls the whole settlement back rather than keep money for nothing.
 */
export async function confirmPaidBooking(
  services: AppServices,
  tx: Prisma.TransactionClient,
  event: EventOf<typeof paymentSettled>,
): Promise<void> {
  const { bookingId, creditedToWallet } = event.data;
  if (!bookingId || creditedToWallet) return;
  const now = new Date(event.occurredAt);
  const confirmed = await tx.booking.updateMany({
    where: { id: bookingId, status: "PENDING_PAYMENT", session: { status: "SCHEDULED" } },
    data: { status: "CONFIRMED", confirmedAt: now, holdExpiresAt: null },
  });
  if (confirmed.count === 0) {
    throw new Error(`booking ${bookingId} paid by ${event.data.paymentId} could not be confirmed`);
  }
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: { session: { select: { startsAt: true } } },
  });
  await recordEvent(
    services,
    tx,
    bookingConfirmed.of(
      {
        bookingId,
        sessionId: booking.sessionId,
        scheduleVersion: booking.scheduleVersion,
        startsAt: booking.session.startsAt.toISOString(),
      },
      now,
    ),
  );
}
