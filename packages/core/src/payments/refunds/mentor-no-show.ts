import type { AppServices } from "../../app/types.ts";
import { ledgerTransactionOptions } from "../../ledger/index.ts";
import { refundPaymentInTransaction } from "./refund-payment.ts";

/**
 * What a mentor no-show means for money (video records the verdict; this runs in its own
 * `event.deliver` job): every participant's payments are refunded in full (per
 * REFUND_DESTINATION), once (the cause is stable, so a retried delivery refunds nothing twice).
 */
export async function refundMentorNoShow(services: AppServices, sessionId: string): Promise<void> {
  const payments = await services.prisma.payment.findMany({
    where: {
      booking: { sessionId, status: { in: ["CONFIRMED", "COMPLETED"] } },
      purpose: "BOOKING",
      status: "SUCCEEDED",
      creditedToWallet: false,
    },
    select: { id: true, bookingId: true, amountMinor: true, refundedMinor: true },
  });
  for (const payment of payments) {
    // Refunded already (by this rule on a retry, or by an admin): nothing left to give back.
    if (payment.refundedMinor >= payment.amountMinor) continue;
    await services.prisma.$transaction(
      (tx) =>
        refundPaymentInTransaction(services, tx, {
          paymentId: payment.id,
          reason: "The mentor did not attend the session",
          cause: `mentor-no-show:${payment.bookingId}:${payment.id}`,
        }),
      ledgerTransactionOptions,
    );
  }
}
