import { z } from "zod";
import type { AppServices } from "../app/types.ts";
import { defineJob } from "../jobs/define.ts";
import {
  accountFor,
  accounts,
  ledgerTransactionOptions,
  releaseEarnings,
} from "../ledger/index.ts";
import { pendingShareOfBooking } from "./mentor-share.ts";

export const earningsReleaseKey = (bookingId: string) => `earnings:${bookingId}:release`;

/**
 * EARNINGS_HOLD_HOURS after a booking was completed: its mentor share (what its payments
 * credited to MENTOR_PENDING minus what refunds took back) becomes available for payout.
 * Posted once per booking (key earnings:<bookingId>:release); a booking that is no longer
 * COMPLETED, or whose share was refunded, releases nothing.
 */
export const releaseEarningsJob = defineJob({
  name: "earnings.release",
  schema: z.object({ bookingId: z.string() }),
  queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true },
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
      select: { id: true, status: true, currency: true, session: { select: { mentorId: true } } },
    });
    if (booking?.status !== "COMPLETED") {
      services.logger.info({ bookingId, status: booking?.status }, "earnings not released");
      return { releasedMinor: 0 };
    }
    const mentorId = booking.session.mentorId;
    const pending = await accountFor(tx, accounts.mentorPending(mentorId, booking.currency));
    // The refunds that debit this account lock it too: the share cannot change under us.
    await tx.$queryRaw`SELECT id FROM ledger_account WHERE id = ${pending.id} FOR UPDATE`;
    const share = await pendingShareOfBooking(tx, { bookingId, pendingAccountId: pending.id });
    if (share <= 0) return { releasedMinor: 0 };
    const posted = await releaseEarnings(tx, {
      mentorId,
      currency: booking.currency,
      amountMinor: share,
      idempotencyKey: earningsReleaseKey(bookingId),
      bookingId,
    });
    return { releasedMinor: posted.created ? share : 0 };
  }, ledgerTransactionOptions);
}
