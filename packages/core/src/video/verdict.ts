import type { AppServices } from "../app/types.ts";
import { ledgerTransactionOptions } from "../ledger/index.ts";
import { refundPaymentInTransaction } from "../payments/index.ts";
import type { verdictOf } from "./rooms.ts";

export type AttendanceVerdict = ReturnType<typeof verdictOf>;

/**
 * What attendance means for money. A mentor who did not come while participants did is a
 * mentor no-show: every participant's payments are refunded in full (per REFUND_DESTINATION),
 * once (the cause is stable). Every other verdict leaves the earnings to be released as usual.
 */
export async function applyAttendanceVerdict(
  services: AppServices,
  sessionId: string,
  verdict: AttendanceVerdict,
): Promise<void> {
  if (verdict !== "MENTOR_NO_SHOW") return;
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
