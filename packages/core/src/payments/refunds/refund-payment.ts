import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../../app/types.ts";
import { AppError } from "../../errors/index.ts";
import { recordEvent } from "../../events/index.ts";
import { enqueue } from "../../jobs/define.ts";
import {
  ledgerTransactionOptions,
  planClawback,
  platformFee,
  refundToGateway,
  refundToWallet,
  splitFee,
} from "../../ledger/index.ts";
import { publishRealtime } from "../../realtime/index.ts";
import { paymentRefunded } from "../events.ts";
import { closePayment, lockPayment } from "../settlement/settle-payment.ts";
import { executeRefundQueue } from "./execute-refund.queue.ts";

type Tx = Prisma.TransactionClient;
type RefundRow = Prisma.RefundGetPayload<object>;

export interface RefundRequest {
  paymentId: string;
  /** Minor units; defaults to everything not refunded yet. */
  amountMinor?: number;
  reason: string;
  /** Why this refund exists ("booking-cancelled:<id>"): the same cause never refunds twice. */
  cause: string;
  destination?: "ORIGINAL" | "WALLET";
  requestedById?: string;
}

/**
 * Refunds a succeeded booking payment, in the caller's transaction (a cancellation refunds in
 * the same commit that cancels). The wallet part goes straight back to the wallet; the gateway
 * part is owed (REFUNDS_PAYABLE) and paid back by the `payment.refund` job, so a slow provider
 * never holds the cancellation up. With destination WALLET, or a gateway that cannot refund,
 * everything goes to the wallet. After the mentor's share was released it is clawed back from
 * their available earnings, and what they already took out is recorded as owed (receivable).
 */
export async function refundPaymentInTransaction(
  services: AppServices,
  tx: Tx,
  request: RefundRequest,
): Promise<RefundRow> {
  // After the payment's lock: a concurrent request with the same cause waits, then finds it.
  const payment = await lockPayment(tx, request.paymentId);
  const existing = await tx.refund.findUnique({ where: { cause: request.cause } });
  if (existing) return existing;
  if (payment.purpose !== "BOOKING" || payment.status !== "SUCCEEDED" || payment.creditedToWallet) {
    throw new AppError("REFUND_NOT_POSSIBLE", { paymentId: payment.id });
  }
  // An open chargeback may still take the money back: a refund now could pay it out twice.
  if ((await tx.dispute.count({ where: { paymentId: payment.id, status: "OPEN" } })) > 0) {
    throw new AppError("REFUND_NOT_POSSIBLE", { paymentId: payment.id, disputed: true });
  }
  const refundable = payment.amountMinor - payment.refundedMinor;
  const amount = request.amountMinor ?? refundable;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > refundable) {
    throw new AppError("REFUND_NOT_POSSIBLE", { paymentId: payment.id, refundable });
  }

  const previous = await tx.refund.aggregate({
    where: { paymentId: payment.id, status: { not: "FAILED" } },
    _sum: { walletPartMinor: true },
  });
  const gateway = payment.provider ? services.gateways.get(payment.provider) : null;
  const destination =
    (request.destination ?? services.config.payments.refundDestination.toUpperCase()) ===
      "WALLET" || !gateway?.capabilities.refunds
      ? "WALLET"
      : "ORIGINAL";
  let walletPart = amount;
  if (destination === "ORIGINAL") {
    // What came from the wallet goes back there first; the rest back through the gateway.
    const walletLeft = payment.walletAmountMinor - (previous._sum.walletPartMinor ?? 0);
    walletPart = Math.min(amount, Math.max(walletLeft, 0));
    const gatewayPart = amount - walletPart;
    if (gatewayPart > 0 && gatewayPart < amount && !gateway?.capabilities.partialRefunds) {
      walletPart = amount;
    }
  }
  const gatewayPart = amount - walletPart;

  const refund = await tx.refund.create({
    data: {
      paymentId: payment.id,
      amountMinor: amount,
      walletPartMinor: walletPart,
      gatewayPartMinor: gatewayPart,
      destination,
      status: gatewayPart > 0 ? "PENDING" : "SUCCEEDED",
      reason: request.reason,
      cause: request.cause,
      requestedById: request.requestedById ?? null,
      completedAt: gatewayPart > 0 ? null : new Date(),
    },
  });
  const split = {
    currency: payment.currency,
    mentorId: payment.mentorId as string,
    feeBasisPoints: payment.feeBasisPoints,
    paymentId: payment.id,
    bookingId: payment.bookingId ?? undefined,
  };
  // The fee given back is what the refunded total's fee adds: refunds in slices reverse
  // exactly the commission taken at settlement, never a cent more or less.
  const [walletFee, gatewayFee] = splitFee(
    platformFee(payment.refundedMinor + amount, payment.feeBasisPoints) -
      platformFee(payment.refundedMinor, payment.feeBasisPoints),
    walletPart,
    gatewayPart,
    payment.feeBasisPoints,
  );
  // The mentor's part comes from the booking's pending share, else from released earnings, else
  // it is owed (a receivable netted against later releases): never from another booking's share.
  const clawback = (partMinor: number, feeMinor: number) =>
    planClawback(tx, {
      mentorId: split.mentorId,
      currency: split.currency,
      bookingId: payment.bookingId,
      amountMinor: partMinor - feeMinor,
    });
  if (walletPart > 0) {
    await refundToWallet(tx, {
      ...split,
      feeMinor: walletFee,
      clawback: await clawback(walletPart, walletFee),
      userId: payment.userId,
      amountMinor: walletPart,
      idempotencyKey: `refund:${refund.id}:wallet`,
    });
  }
  if (gatewayPart > 0) {
    await refundToGateway(tx, {
      ...split,
      feeMinor: gatewayFee,
      clawback: await clawback(gatewayPart, gatewayFee),
      gatewayId: payment.provider as string,
      amountMinor: gatewayPart,
      idempotencyKey: `refund:${refund.id}:gateway`,
    });
    await enqueue(
      services.boss,
      executeRefundQueue,
      { refundId: refund.id },
      { db: fromPrisma(tx), id: refund.id },
    );
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: { refundedMinor: { increment: amount } },
  });
  await publishRealtime(tx, { userIds: [payment.userId], topic: "payment", ref: payment.id });
  // Invoices subscribes: every refund of a booking payment gets a credit note (decision 006).
  await recordEvent(
    services,
    tx,
    paymentRefunded.of({ refundId: refund.id, paymentId: payment.id, amountMinor: amount }),
  );
  return refund;
}

export function refundPayment(services: AppServices, request: RefundRequest): Promise<RefundRow> {
  return services.prisma.$transaction(
    (tx) => refundPaymentInTransaction(services, tx, request),
    ledgerTransactionOptions,
  );
}

/**
 * A booking was cancelled: every payment that paid it is refunded in full (per
 * REFUND_DESTINATION), and a checkout still open for it is closed, so its reserved wallet part
 * returns at once. Runs in the cancelling transaction.
 */
export async function settleCancelledBooking(
  services: AppServices,
  tx: Tx,
  input: { bookingId: string; reason: string; requestedById?: string },
  now: Date,
): Promise<void> {
  const payments = await tx.payment.findMany({
    where: { bookingId: input.bookingId, status: { in: ["PENDING", "SUCCEEDED"] } },
    orderBy: { createdAt: "asc" },
  });
  for (const payment of payments) {
    if (payment.status === "PENDING") {
      await closePayment(services, payment.id, "CANCELLED", input.reason, now, tx);
      continue;
    }
    if (payment.creditedToWallet || payment.refundedMinor >= payment.amountMinor) continue;
    await refundPaymentInTransaction(services, tx, {
      paymentId: payment.id,
      reason: input.reason,
      cause: `booking-cancelled:${input.bookingId}:${payment.id}`,
      ...(input.requestedById ? { requestedById: input.requestedById } : {}),
    });
  }
}
