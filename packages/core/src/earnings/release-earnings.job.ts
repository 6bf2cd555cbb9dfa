import type { AppServices } from "../app/types.ts";
import { recordEvent } from "../events/index.ts";
import { defineHandler } from "../jobs/define.ts";
import { ledgerTransactionOptions, releaseBookingShare } from "../ledger/index.ts";
import { alertAdmins } from "../telemetry/index.ts";
import { earningsReleased } from "./events.ts";
import { earningsReleaseDeadQueue, releaseEarningsQueue } from "./release-earnings.queue.ts";

export { earningsReleaseKey } from "../ledger/index.ts";

/**
 * EARNINGS_HOLD_HOURS after a booking was completed: its mentor share (what its payments
 * credited to MENTOR_PENDING minus what refunds took back) becomes available for payout.
 * Posted once per booking (key earnings:<bookingId>:release); a booking that is no longer
 * COMPLETED, whose share was refunded, or whose session waits for an admin's attendance
 * decision, releases nothing. What the mentor owes is settled from the share first. A release
 * that keeps failing lands in `earnings.release.dead`, whose handler alerts the admins.
 */
export const releaseEarningsJob = defineHandler(
  releaseEarningsQueue,
  async ({ bookingId }, services: AppServices) => {
    await releaseBookingEarnings(services, bookingId);
  },
);

export async function releaseBookingEarnings(
  services: AppServices,
  bookingId: string,
): Promise<{ releasedMinor: number }> {
  return services.prisma.$transaction(async (tx) => {
    const booking = await tx.booking.findUnique({
      where: { id: bookingId },
      select: {
        id: true,
        status: true,
        currency: true,
        sessionId: true,
        session: { select: { mentorId: true } },
      },
    });
    if (booking?.status !== "COMPLETED") {
      services.logger.info({ bookingId, status: booking?.status }, "earnings not released");
      return { releasedMinor: 0 };
    }
    const review = await tx.attendanceReview.findUnique({
      where: { sessionId: booking.sessionId },
      select: { status: true },
    });
    if (review && review.status !== "RELEASED") {
      services.logger.info({ bookingId, review: review.status }, "earnings wait for an admin");
      return { releasedMinor: 0 };
    }
    const { releasedMinor } = await releaseBookingShare(tx, {
      mentorId: booking.session.mentorId,
      currency: booking.currency,
      bookingId,
    });
    if (releasedMinor > 0) {
      await recordEvent(
        services,
        tx,
        earningsReleased.of({
          bookingId,
          mentorId: booking.session.mentorId,
          currency: booking.currency,
          amountMinor: releasedMinor,
        }),
      );
    }
    return { releasedMinor };
  }, ledgerTransactionOptions);
}

/**
 * A release that exhausted its retries: the mentor's share stays pending and nobody would know.
 * Logged as an error and mailed to every admin at once (no threshold: each one is money).
 */
export const earningsReleaseDeadJob = defineHandler(
  earningsReleaseDeadQueue,
  async ({ bookingId }, services: AppServices) => {
    await alertAdmins(services, {
      subject: `Earnings release failed for booking ${bookingId}`,
      text: `The mentor's share of booking ${bookingId} could not be released after every retry. It stays pending until the cause is fixed and the release is run again.`,
    });
  },
);
