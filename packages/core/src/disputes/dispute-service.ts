import type { Prisma } from "@mentora/db";
import type { GatewayWebhookEvent } from "@mentora/payment-gateway";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { releaseEarningsQueue } from "../earnings/index.ts";
import { recordEvent } from "../events/index.ts";
import { enqueue } from "../jobs/define.ts";
import {
  earningsReleaseKey,
  freezeDisputedShare,
  ledgerTransactionOptions,
  platformFee,
  postDisputeLoss,
  unfreezeDisputedShare,
} from "../ledger/index.ts";
import { lockPayment } from "../payments/index.ts";
import { alertAdmins } from "../telemetry/index.ts";
import { disputeOpened } from "./events.ts";

type Tx = Prisma.TransactionClient;
type DisputeEvent = Extract<GatewayWebhookEvent, { type: "dispute.opened" | "dispute.closed" }>;
type DisputeRow = Prisma.DisputeGetPayload<object>;

/**
 * A dispute (chargeback) on a payment, from the provider's webhook (decision 015). On open the
 * mentor's share of the disputed amount is frozen (MENTOR_FROZEN: no payout can take it), taken
 * from the booking's pending share, then from available earnings; what was already paid out
 * cannot be frozen and is only clawed back if the dispute is lost. On close: won → the frozen
 * share returns; lost → the amount leaves through the gateway, the mentor's share is clawed back
 * (frozen first, then as a refund after release: available, then owed) and the platform gives
 * back its fee. Every step is guarded by the dispute's status under the payment's row lock, and
 * every posting has a key derived from the dispute: a redelivered event changes nothing.
 */
export async function handleDisputeEvent(
  services: AppServices,
  provider: string,
  event: DisputeEvent,
): Promise<void> {
  const payment = await services.prisma.payment.findUnique({
    where: {
      provider_providerPaymentId: { provider, providerPaymentId: event.providerPaymentId },
    },
    select: { id: true },
  });
  // The event may race our record of the provider's id: failing retries it later.
  if (!payment) throw new Error(`no payment for ${provider} ${event.providerPaymentId}`);
  const result = await services.prisma.$transaction(async (tx) => {
    const opened = await openInTransaction(tx, provider, payment.id, event);
    if (opened.created) {
      await recordEvent(
        services,
        tx,
        disputeOpened.of({
          disputeId: opened.row.id,
          paymentId: opened.row.paymentId,
          currency: opened.row.currency,
          amountMinor: opened.row.amountMinor,
        }),
      );
    }
    const closed =
      event.type === "dispute.closed" && event.outcome
        ? await closeInTransaction(services, tx, opened.row, event.outcome)
        : false;
    return { ...opened, closed };
  }, ledgerTransactionOptions);
  if (result.created) {
    await alertAdmins(services, {
      subject: `Dispute opened on payment ${payment.id}`,
      text: `${provider} reports a dispute (${event.reason ?? "no reason given"}) of ${event.amount.amountMinor} ${event.amount.currency} minor units on payment ${payment.id}. The mentor's share (${result.row.frozenMinor}) is frozen until it closes. See /admin/disputes.`,
    });
  }
  if (result.closed) {
    services.logger.warn(
      { disputeId: result.row.id, paymentId: payment.id, outcome: event.outcome },
      "dispute closed",
    );
  }
}

async function openInTransaction(
  tx: Tx,
  provider: string,
  paymentId: string,
  event: DisputeEvent,
): Promise<{ row: DisputeRow; created: boolean }> {
  const payment = await lockPayment(tx, paymentId);
  const existing = await tx.dispute.findUnique({
    where: {
      provider_providerDisputeId: { provider, providerDisputeId: event.providerDisputeId },
    },
  });
  if (existing) return { row: existing, created: false };
  // Never more than came through this provider; a foreign currency freezes nothing.
  const sameCurrency = event.amount.currency === payment.currency;
  const amountMinor = sameCurrency
    ? Math.min(event.amount.amountMinor, payment.gatewayAmountMinor)
    : 0;
  const row = await tx.dispute.create({
    data: {
      provider,
      providerDisputeId: event.providerDisputeId,
      paymentId,
      currency: payment.currency,
      amountMinor,
      reason: event.reason?.slice(0, 200) ?? null,
    },
  });
  if (!payment.mentorId || amountMinor <= 0) return { row, created: true };
  // Only what the mentor still holds can be frozen; the rest is settled if the dispute is lost.
  const frozen = await freezeDisputedShare(tx, {
    mentorId: payment.mentorId,
    currency: payment.currency,
    bookingId: payment.bookingId,
    paymentId,
    amountMinor: amountMinor - platformFee(amountMinor, payment.feeBasisPoints),
    idempotencyKey: `dispute:${row.id}:freeze`,
  });
  const updated = await tx.dispute.update({ where: { id: row.id }, data: { frozenMinor: frozen } });
  return { row: updated, created: true };
}

async function closeInTransaction(
  services: AppServices,
  tx: Tx,
  dispute: DisputeRow,
  outcome: "won" | "lost",
): Promise<boolean> {
  const { count } = await tx.dispute.updateMany({
    where: { id: dispute.id, status: "OPEN" },
    data: { status: outcome === "won" ? "WON" : "LOST", closedAt: new Date() },
  });
  if (count === 0) return false;
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: dispute.paymentId } });
  const mentorId = payment.mentorId;
  const currency = payment.currency;
  if (outcome === "won") {
    if (!mentorId || dispute.frozenMinor <= 0) return true;
    await unfreeze(services, tx, { dispute, mentorId, currency, bookingId: payment.bookingId });
    return true;
  }
  if (dispute.amountMinor <= 0) return true;
  // The part not refunded yet is split as the payment was; anything beyond it (a chargeback of
  // money already refunded) is the platform's loss alone.
  const disputedPart = Math.min(dispute.amountMinor, payment.amountMinor - payment.refundedMinor);
  const fee =
    platformFee(payment.refundedMinor + Math.max(disputedPart, 0), payment.feeBasisPoints) -
    platformFee(payment.refundedMinor, payment.feeBasisPoints);
  await postDisputeLoss(tx, {
    mentorId,
    currency,
    gatewayId: payment.provider as string,
    bookingId: payment.bookingId,
    paymentId: payment.id,
    amountMinor: dispute.amountMinor,
    mentorPartMinor: Math.max(disputedPart, 0) - fee,
    frozenMinor: dispute.frozenMinor,
    idempotencyKey: `dispute:${dispute.id}:lost`,
  });
  // Refunded now, as far as refunds are concerned: no refund can pay it back a second time.
  await tx.payment.update({
    where: { id: payment.id },
    data: { refundedMinor: Math.min(payment.amountMinor, payment.refundedMinor + disputedPart) },
  });
  return true;
}

/**
 * A won dispute gives the frozen share back: to the booking's pending share when it was not
 * released yet (and the release is scheduled again, as it may have run while frozen), else to
 * available earnings, first settling what the mentor owes.
 */
async function unfreeze(
  services: AppServices,
  tx: Tx,
  input: { dispute: DisputeRow; mentorId: string; currency: string; bookingId: string | null },
): Promise<void> {
  const { dispute, mentorId, currency, bookingId } = input;
  const released =
    !bookingId ||
    (await tx.ledgerTransaction.count({
      where: { idempotencyKey: earningsReleaseKey(bookingId) },
    })) > 0;
  await unfreezeDisputedShare(tx, {
    mentorId,
    currency,
    bookingId,
    paymentId: dispute.paymentId,
    frozenMinor: dispute.frozenMinor,
    released,
    idempotencyKey: `dispute:${dispute.id}:won`,
  });
  if (released || !bookingId) return;
  const booking = await tx.booking.findUnique({
    where: { id: bookingId },
    select: { status: true, sessionId: true },
  });
  if (booking?.status !== "COMPLETED") return;
  const completion = await tx.sessionCompletion.findUnique({
    where: { sessionId: booking.sessionId },
  });
  const completedAt = completion?.completedAt;
  if (!completedAt) return;
  const releaseAt = new Date(
    Math.max(
      Date.now(),
      completedAt.getTime() + services.config.payouts.earningsHoldHours * 3_600_000,
    ),
  );
  await enqueue(
    services.boss,
    releaseEarningsQueue,
    { bookingId },
    { db: fromPrisma(tx), startAfter: releaseAt },
  );
}
