import type { Prisma } from "@mentora/db";

/**
 * What a booking earned its mentor and is still pending: the MENTOR_PENDING entries of the
 * booking's transactions (payments credit it, refunds take back), without the release itself.
 */
export async function pendingShareOfBooking(
  tx: Prisma.TransactionClient,
  input: { bookingId: string; pendingAccountId: string },
): Promise<number> {
  const { _sum } = await tx.ledgerEntry.aggregate({
    where: {
      accountId: input.pendingAccountId,
      transaction: { bookingId: input.bookingId, kind: { not: "EARNINGS_RELEASE" } },
    },
    _sum: { amountMinor: true },
  });
  return Number(_sum.amountMinor ?? 0n);
}
