import type { Prisma } from "@mentora/db";
import type { AppServices } from "../app/types.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { ledgerTransactionOptions } from "../ledger/index.ts";
import { bookingCancelled } from "./events.ts";
import { releaseSessionIfEmpty } from "./release-session.ts";
import { liveBookingStatuses } from "./snapshot.ts";

const HOUR = 3_600_000;

/**
 * A mentee cancels their own place. Policy: free until MENTEE_FREE_CANCELLATION_HOURS before the
 * start; inside that window the mentee is refused (CANCELLATION_WINDOW_PASSED) and has to ask
 * the mentor, who can cancel at any time. Another user's booking reads as not found.
 */
export async function cancelBookingByMentee(
  services: AppServices,
  input: { bookingId: string; menteeId: string; reason?: string },
  now = new Date(),
): Promise<void> {
  const booking = await services.prisma.booking.findUnique({
    where: { id: input.bookingId },
    include: { session: { select: { startsAt: true } } },
  });
  if (!booking || booking.menteeId !== input.menteeId) throw new AppError("NOT_FOUND");
  if (!(liveBookingStatuses as readonly string[]).includes(booking.status)) {
    throw new AppError("BOOKING_NOT_CANCELLABLE");
  }
  const startsAt = booking.session.startsAt.getTime();
  if (startsAt <= now.getTime()) throw new AppError("BOOKING_NOT_CANCELLABLE");
  const windowStart = startsAt - services.config.bookings.menteeFreeCancellationHours * HOUR;
  if (booking.status === "CONFIRMED" && now.getTime() > windowStart) {
    throw new AppError("CANCELLATION_WINDOW_PASSED", {
      freeCancellationHours: services.config.bookings.menteeFreeCancellationHours,
    });
  }

  await services.prisma.$transaction(async (tx) => {
    const { count } = await tx.booking.updateMany({
      where: { id: booking.id, status: { in: [...liveBookingStatuses] } },
      data: {
        status: "CANCELLED",
        cancelledAt: now,
        cancelledBy: "MENTEE",
        cancelledById: input.menteeId,
        cancelReason: input.reason,
      },
    });
    if (count === 0) throw new AppError("BOOKING_NOT_CANCELLABLE");
    await releaseSessionIfEmpty(tx, booking.sessionId, "cancelled by mentee", now);
    const updated = await tx.booking.findUniqueOrThrow({ where: { id: booking.id } });
    // Inside the free-cancellation window (checked above): payments refunds in full, per
    // REFUND_DESTINATION, in this transaction (its subscriber to booking.cancelled).
    await recordCancelled(
      services,
      tx,
      updated,
      booking.session.startsAt,
      { reason: "cancelled by the mentee", requestedById: input.menteeId },
      now,
    );
  }, ledgerTransactionOptions);
}

/**
 * A mentor cancels a session at any time before it ends: every live place in it is cancelled
 * and each participant is told and refunded in full; a checkout still open for it is closed, and
 * a payment that succeeds later is credited to the payer's wallet (BOOKING_CANCELLED for new ones).
 */
export async function cancelSessionByMentor(
  services: AppServices,
  input: { sessionId: string; mentorId: string; reason?: string; byAdminId?: string },
  now = new Date(),
): Promise<{ cancelledBookings: number }> {
  const session = await services.prisma.mentoringSession.findUnique({
    where: { id: input.sessionId },
  });
  if (!session || (session.mentorId !== input.mentorId && !input.byAdminId)) {
    throw new AppError("NOT_FOUND");
  }
  if (session.status !== "SCHEDULED" || session.endsAt.getTime() <= now.getTime()) {
    throw new AppError("BOOKING_NOT_CANCELLABLE");
  }
  return services.prisma.$transaction(
    (tx) => cancelSessionInTransaction(services, tx, session, input, now),
    ledgerTransactionOptions,
  );
}

/**
 * cancelSessionByMentor's work in the caller's transaction (an admin demoting a mentor cancels
 * every future session in the demotion's own commit): places cancelled, each refunded in full
 * (refund jobs enqueued in this transaction) and told.
 */
export async function cancelSessionInTransaction(
  services: AppServices,
  tx: Prisma.TransactionClient,
  session: { id: string; mentorId: string; startsAt: Date },
  input: { mentorId: string; reason?: string; byAdminId?: string },
  now: Date,
): Promise<{ cancelledBookings: number }> {
  const live = await tx.booking.findMany({
    where: { sessionId: session.id, status: { in: [...liveBookingStatuses] } },
  });
  const { count } = await tx.booking.updateMany({
    where: { id: { in: live.map((b) => b.id) }, status: { in: [...liveBookingStatuses] } },
    data: {
      status: "CANCELLED",
      cancelledAt: now,
      cancelledBy: input.byAdminId ? "ADMIN" : "MENTOR",
      cancelledById: input.byAdminId ?? input.mentorId,
      cancelReason: input.reason,
    },
  });
  const guarded = await tx.mentoringSession.updateMany({
    where: { id: session.id, status: "SCHEDULED" },
    data: { status: "CANCELLED", cancelledAt: now, cancelReason: input.reason ?? "cancelled" },
  });
  if (guarded.count === 0) throw new AppError("BOOKING_NOT_CANCELLABLE");
  const refund = {
    reason: input.reason ? `cancelled by the mentor: ${input.reason}` : "cancelled by the mentor",
    requestedById: input.byAdminId ?? input.mentorId,
  };
  for (const booking of live) {
    await recordCancelled(
      services,
      tx,
      { ...booking, status: "CANCELLED" },
      session.startsAt,
      refund,
      now,
    );
  }
  return { cancelledBookings: count };
}

/**
 * booking.cancelled, in the cancelling transaction: its subscribers settle the money (refund in
 * full, close an open checkout) and tell the people.
 */
function recordCancelled(
  services: AppServices,
  tx: Prisma.TransactionClient,
  booking: { id: string; sessionId: string; status: string; scheduleVersion: number },
  startsAt: Date,
  refund: { reason: string; requestedById: string },
  now: Date,
) {
  return recordEvent(
    services,
    tx,
    bookingCancelled.of(
      {
        bookingId: booking.id,
        sessionId: booking.sessionId,
        status: booking.status,
        scheduleVersion: booking.scheduleVersion,
        startsAt: startsAt.toISOString(),
        refundReason: refund.reason,
        cancelledById: refund.requestedById,
      },
      now,
    ),
  );
}
