import { z } from "zod";
import type { AppServices } from "../app/types.ts";
import { defineJob } from "../jobs/define.ts";
import { ledgerTransactionOptions, releaseBookingShare } from "../ledger/index.ts";
import { alertAdmins } from "../telemetry/index.ts";

export const earningsReleaseDeadLetter = "earnings.release.dead";

export { earningsReleaseKey } from "../ledger/index.ts";

/**
 * EARNINGS_HOLD_HOURS after a booking was completed: its mentor share (what its payments
 * credited to MENTOR_PENDING minus what refunds took back) becomes available for payout.
 * Posted once per booking (key earnings:<bookingId>:release); a booking that is no longer
 * COMPLETED, whose share was refunded, or whose session waits for an admin's attendance
 * decision, releases nothing. What the mentor owes is settled from the share first. A release
 * that keeps failing lands in `earnings.release.dead`, whose handler alerts the admins.
 */
export const releaseEarningsJob = defineJob({
  name: "earnings.release",
  schema: z.object({ bookingId: z.string() }),
  queue: {
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    deadLetter: earningsReleaseDeadLetter,
  },
  async handle({ bookingId }, services) {
    await releaseBookingEarnings(services, bookingId);
  },
});

export async function releaseBookingEarnings(
  services: Pick<AppServices, "prisma" | "logger">,
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
    return { releasedMinor };
  }, ledgerTransactionOptions);
}

/**
 * A release that exhausted its retries: the mentor's share stays pending and nobody would know.
 * Logged as an error and mailed to every admin at once (no threshold: each one is money).
 */
export const earningsReleaseDeadJob = defineJob({
  name: earningsReleaseDeadLetter,
  schema: z.object({ bookingId: z.string() }).passthrough(),
  queue: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
  async handle({ bookingId }, services) {
    await alertAdmins(services, {
      subject: `Earnings release failed for booking ${bookingId}`,
      text: `The mentor's share of booking ${bookingId} could not be released after every retry. It stays pending until the cause is fixed and the release is run again.`,
    });
  },
});
