import type { Prisma } from "@mentora/db";
import type { ProviderPayment } from "@mentora/payment-gateway";
import type { AppServices } from "../../app/types.ts";
import { recordEvent } from "../../events/index.ts";
import {
  captureReservation,
  ledgerTransactionOptions,
  platformFee,
  releaseReservation,
  settleGatewayPayment,
  splitFee,
  topUpWallet,
} from "../../ledger/index.ts";
import { publishRealtime } from "../../realtime/index.ts";
import { paymentFailed, paymentSettled } from "../events.ts";

type PaymentRow = Prisma.PaymentGetPayload<object>;
type Tx = Prisma.TransactionClient;

/** What an unlocked read must hold for settlePayment to answer "nothing changes" from it. */
export type SeenPayment = Pick<
  PaymentRow,
  "id" | "status" | "providerPaymentId" | "gatewayAmountMinor" | "currency"
>;

/** What a provider's answer means for our payment. */
export type ProviderOutcome = "succeeded" | "failed" | "expired" | "pending";

export function outcomeOf(truth: ProviderPayment): ProviderOutcome {
  switch (truth.status) {
    case "succeeded":
    case "refunded":
    case "partially_refunded":
      return "succeeded";
    case "failed":
      return "failed";
    case "expired":
      return "expired";
    default:
      return "pending";
  }
}

/** The provider's answer contradicts our record: never settle on it, and say so loudly. */
export class SettlementMismatchError extends Error {
  override name = "SettlementMismatchError";
}

export interface SettlementResult {
  /** False when the payment was already in the state the provider reports (a replay). */
  changed: boolean;
  status: PaymentRow["status"];
}

/**
 * The one way a payment's outcome is recorded, whichever way it is learned (return URL, webhook,
 * expiry job, reconciliation). It takes the provider's own answer (getPayment), never a query
 * parameter or an unverified event body, locks the payment row and moves it forward once:
 * replays and races find it settled and change nothing.
 */
export async function settlePayment(
  services: AppServices,
  paymentId: string,
  truth: ProviderPayment,
  now = new Date(),
  /**
   * The payment as the caller read it without a lock (webhook processing). When settling would
   * change nothing even from that read (a provider's resend of a settled payment, the bulk of a
   * storm), the answer comes from it without a transaction: statuses only move forward, so a
   * stale read can only show less settled than the row is (decision 054).
   */
  seen?: SeenPayment,
): Promise<SettlementResult> {
  const inFlight = settlingIn(services.prisma);
  if (seen?.id === paymentId) {
    const outcome = checkedOutcome(seen, truth);
    if (changesNothing(seen, outcome)) return { changed: false, status: seen.status };
    // Another job of this process is settling the payment (a storm's copies of its events):
    // its committed status is at least as settled as the row was when read, so it is a
    // fresher `seen`, and when that changes nothing no transaction queues on the row lock.
    const running = inFlight.get(paymentId);
    const after =
      running &&
      (await running.then(
        ({ status }) => status,
        () => undefined,
      ));
    if (after) {
      const fresher = { ...seen, status: after };
      if (changesNothing(fresher, checkedOutcome(fresher, truth))) {
        return { changed: false, status: after };
      }
    }
  }
  const settling = services.prisma.$transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    return settleInTransaction(services, tx, payment, checkedOutcome(payment, truth), now);
  }, ledgerTransactionOptions);
  if (!inFlight.has(paymentId)) {
    inFlight.set(paymentId, settling);
    const done = () => {
      if (inFlight.get(paymentId) === settling) inFlight.delete(paymentId);
    };
    settling.then(done, done);
  }
  return settling;
}

/**
 * The settlements this process is running, by payment, per database client (decision 079):
 * webhook jobs of a payment that find one running wait for its answer instead of each taking a
 * pooled connection to wait on the payment's row lock.
 */
const settlements = new WeakMap<object, Map<string, Promise<SettlementResult>>>();
function settlingIn(prisma: object): Map<string, Promise<SettlementResult>> {
  let found = settlements.get(prisma);
  if (!found) {
    found = new Map();
    settlements.set(prisma, found);
  }
  return found;
}

/** The provider's outcome, once its answer is checked against our record. */
function checkedOutcome(payment: SeenPayment, truth: ProviderPayment): ProviderOutcome {
  if (truth.paymentId && truth.paymentId !== payment.id) {
    throw new SettlementMismatchError(
      `provider payment ${truth.providerPaymentId} belongs to ${truth.paymentId}, not ${payment.id}`,
    );
  }
  if (payment.providerPaymentId && truth.providerPaymentId !== payment.providerPaymentId) {
    throw new SettlementMismatchError(`provider payment id differs for ${payment.id}`);
  }
  const outcome = outcomeOf(truth);
  if (
    outcome === "succeeded" &&
    (truth.amount.amountMinor !== payment.gatewayAmountMinor ||
      truth.amount.currency !== payment.currency)
  ) {
    throw new SettlementMismatchError(
      `payment ${payment.id}: provider reports ${truth.amount.amountMinor} ${truth.amount.currency}, expected ${payment.gatewayAmountMinor} ${payment.currency}`,
    );
  }
  return outcome;
}

/** What settleInTransaction leaves unchanged: pending, succeeded, or closed by a non-success. */
function changesNothing(payment: SeenPayment, outcome: ProviderOutcome): boolean {
  return (
    outcome === "pending" ||
    payment.status === "SUCCEEDED" ||
    (payment.status !== "PENDING" && outcome !== "succeeded")
  );
}

export async function lockPayment(tx: Tx, paymentId: string): Promise<PaymentRow> {
  await tx.$queryRaw`SELECT id FROM payment WHERE id = ${paymentId} FOR UPDATE`;
  return tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
}

/** settlePayment's body, for callers already holding the payment row in a transaction. */
export async function settleInTransaction(
  services: AppServices,
  tx: Tx,
  payment: PaymentRow,
  outcome: ProviderOutcome,
  now: Date,
): Promise<SettlementResult> {
  if (outcome === "pending") return { changed: false, status: payment.status };
  if (payment.status === "PENDING") {
    if (outcome === "succeeded") return succeed(services, tx, payment, now);
    await close(
      tx,
      payment,
      outcome === "failed" ? "FAILED" : "EXPIRED",
      `provider: ${outcome}`,
      now,
    );
    if (outcome === "failed") {
      await recordEvent(
        services,
        tx,
        paymentFailed.of(
          {
            paymentId: payment.id,
            userId: payment.userId,
            bookingId: payment.bookingId,
            currency: payment.currency,
            amountMinor: payment.amountMinor,
          },
          now,
        ),
      );
    }
    return { changed: true, status: outcome === "failed" ? "FAILED" : "EXPIRED" };
  }
  if (outcome === "succeeded" && payment.status !== "SUCCEEDED") {
    // Paid after we closed it (PayPal approves for hours; a cancelled booking's checkout stayed
    // open): the reservation went back already, so the money the gateway took goes to the wallet.
    await topUpWallet(tx, {
      userId: payment.userId,
      gatewayId: payment.provider as string,
      currency: payment.currency,
      amountMinor: payment.gatewayAmountMinor,
      idempotencyKey: `payment:${payment.id}:late-credit`,
      paymentId: payment.id,
    });
    await tx.payment.update({
      where: { id: payment.id },
      data: { status: "SUCCEEDED", creditedToWallet: true, closedAt: now },
    });
    await recordSettled(services, tx, payment, true, now);
    services.logger.warn(
      { paymentId: payment.id, previous: payment.status },
      "payment succeeded after it was closed: credited to the wallet",
    );
    return { changed: true, status: "SUCCEEDED" };
  }
  return { changed: false, status: payment.status };
}

async function succeed(
  services: AppServices,
  tx: Tx,
  payment: PaymentRow,
  now: Date,
): Promise<SettlementResult> {
  const ref = { paymentId: payment.id, currency: payment.currency };
  if (payment.purpose === "TOP_UP") {
    await topUpWallet(tx, {
      ...ref,
      userId: payment.userId,
      gatewayId: payment.provider as string,
      amountMinor: payment.gatewayAmountMinor,
      idempotencyKey: `payment:${payment.id}:top-up`,
    });
    await tx.payment.update({
      where: { id: payment.id },
      data: { status: "SUCCEEDED", closedAt: now },
    });
    await recordSettled(services, tx, payment, false, now);
    return { changed: true, status: "SUCCEEDED" };
  }

  const bookingId = payment.bookingId as string;
  // Settlement reads (and locks) the booking but never writes it: payment.settled's bookings
  // subscriber confirms it in this transaction. The lock keeps a cancellation from slipping in
  // between this check and that confirmation.
  const awaiting = await tx.$queryRaw<{ id: string }[]>`
    SELECT b.id FROM booking b JOIN mentoring_session s ON s.id = b."sessionId"
    WHERE b.id = ${bookingId} AND b.status = 'PENDING_PAYMENT' AND s.status = 'SCHEDULED'
    FOR UPDATE OF b`;
  if (awaiting.length === 0) {
    // The booking was cancelled or expired while the payer was paying: nothing to confirm, so
    // the wallet part returns and the gateway part is credited to the wallet.
    if (payment.walletAmountMinor > 0) {
      await releaseReservation(tx, {
        ...ref,
        userId: payment.userId,
        amountMinor: payment.walletAmountMinor,
        idempotencyKey: `payment:${payment.id}:release`,
      });
    }
    if (payment.gatewayAmountMinor > 0) {
      await topUpWallet(tx, {
        ...ref,
        userId: payment.userId,
        gatewayId: payment.provider as string,
        amountMinor: payment.gatewayAmountMinor,
        idempotencyKey: `payment:${payment.id}:late-credit`,
      });
    }
    await tx.payment.update({
      where: { id: payment.id },
      data: { status: "SUCCEEDED", creditedToWallet: true, closedAt: now },
    });
    await recordSettled(services, tx, payment, true, now);
    return { changed: true, status: "SUCCEEDED" };
  }

  const split = {
    ...ref,
    bookingId,
    mentorId: payment.mentorId as string,
    feeBasisPoints: payment.feeBasisPoints,
  };
  // One commission on the whole price, shared between the wallet and gateway parts.
  const [walletFee, gatewayFee] = splitFee(
    platformFee(payment.amountMinor, payment.feeBasisPoints),
    payment.walletAmountMinor,
    payment.gatewayAmountMinor,
    payment.feeBasisPoints,
  );
  if (payment.walletAmountMinor > 0) {
    await captureReservation(tx, {
      ...split,
      feeMinor: walletFee,
      userId: payment.userId,
      amountMinor: payment.walletAmountMinor,
      idempotencyKey: `payment:${payment.id}:capture`,
    });
  }
  if (payment.gatewayAmountMinor > 0) {
    await settleGatewayPayment(tx, {
      ...split,
      feeMinor: gatewayFee,
      gatewayId: payment.provider as string,
      amountMinor: payment.gatewayAmountMinor,
      idempotencyKey: `payment:${payment.id}:settle`,
    });
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: { status: "SUCCEEDED", closedAt: now },
  });
  // Its subscribers confirm the booking (which plans e-mails, reminders and the video room) and
  // enqueue the VAT invoice for the full amount (decision 006), all in this transaction.
  await recordSettled(services, tx, payment, false, now);
  return { changed: true, status: "SUCCEEDED" };
}

/** payment.settled, in the settling transaction (app/subscriptions.ts says who reacts). */
async function recordSettled(
  services: AppServices,
  tx: Tx,
  payment: PaymentRow,
  creditedToWallet: boolean,
  now: Date,
): Promise<void> {
  await recordEvent(
    services,
    tx,
    paymentSettled.of(
      {
        paymentId: payment.id,
        purpose: payment.purpose,
        bookingId: payment.bookingId,
        creditedToWallet,
      },
      now,
    ),
  );
  // The payer's status page follows it live.
  await publishRealtime(tx, { userIds: [payment.userId], topic: "payment", ref: payment.id });
}

/** Closes an open payment without success: the reserved wallet part goes back. */
async function close(
  tx: Tx,
  payment: PaymentRow,
  status: "FAILED" | "EXPIRED" | "CANCELLED",
  reason: string,
  now: Date,
): Promise<void> {
  if (payment.walletAmountMinor > 0) {
    await releaseReservation(tx, {
      userId: payment.userId,
      currency: payment.currency,
      amountMinor: payment.walletAmountMinor,
      idempotencyKey: `payment:${payment.id}:release`,
      paymentId: payment.id,
    });
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: { status, closedAt: now, failureReason: reason },
  });
  await publishRealtime(tx, { userIds: [payment.userId], topic: "payment", ref: payment.id });
}

/**
 * Closes a payment we give up on (refused checkout, cancelled booking, our expiry) if it is
 * still open. A provider success that arrives later is credited to the wallet.
 */
export async function closePayment(
  services: Pick<AppServices, "prisma">,
  paymentId: string,
  status: "FAILED" | "EXPIRED" | "CANCELLED",
  reason: string,
  now = new Date(),
  tx?: Tx,
): Promise<boolean> {
  const run = async (db: Tx) => {
    const payment = await lockPayment(db, paymentId);
    if (payment.status !== "PENDING") return false;
    await close(db, payment, status, reason, now);
    return true;
  };
  return tx ? run(tx) : services.prisma.$transaction(run, ledgerTransactionOptions);
}
