import type { Prisma } from "@mentora/db";
import { GatewayError, idempotencyKey, money } from "@mentora/payment-gateway";
import type { AppServices } from "../../app/types.ts";
import { defineHandler } from "../../jobs/define.ts";
import {
  accounts,
  confirmGatewayRefund,
  ledgerTransactionOptions,
  postTransaction,
} from "../../ledger/index.ts";
import { callGateway } from "../gateway-call.ts";
import { executeRefundQueue } from "./execute-refund.queue.ts";

type Tx = Prisma.TransactionClient;

/**
 * Pays the gateway part of a refund back through the provider, with the key `refund:<id>`: a
 * retry after a crash or a timeout finds the first refund at the provider, never a second.
 * A refusal does not lose the money: it goes to the payer's wallet instead, and the refund says so.
 */
export const executeRefundJob = defineHandler(
  executeRefundQueue,
  async ({ refundId }, services: AppServices) => {
    await executeRefund(services, refundId);
  },
);

export async function executeRefund(services: AppServices, refundId: string): Promise<void> {
  const refund = await services.prisma.refund.findUniqueOrThrow({
    where: { id: refundId },
    include: { payment: true },
  });
  if (refund.status !== "PENDING" || refund.gatewayPartMinor === 0) return;
  const { payment } = refund;
  if (!payment.provider || !payment.providerPaymentId) {
    throw new Error(`refund ${refund.id}: its payment has no provider payment`);
  }
  const gateway = services.gateways.get(payment.provider);
  const providerPaymentId = payment.providerPaymentId;
  try {
    const result = await callGateway(services, gateway, "refund", () =>
      gateway.refund({
        providerPaymentId,
        refundId: refund.id,
        idempotencyKey: idempotencyKey.refund(refund.id),
        amount: money(refund.gatewayPartMinor, payment.currency),
        reason: refund.reason,
      }),
    );
    await services.prisma.$transaction(async (tx) => {
      await tx.refund.update({
        where: { id: refund.id },
        data: { providerRefundId: result.providerRefundId },
      });
      // "pending": the provider's refund event completes it (completeGatewayRefunds).
      if (result.status === "succeeded") await completeRefund(tx, refund.id);
    }, ledgerTransactionOptions);
  } catch (error) {
    if (!(error instanceof GatewayError && error.kind === "permanent")) throw error;
    services.logger.error(
      { err: error, refundId: refund.id, paymentId: payment.id },
      "provider refused the refund: crediting the wallet instead",
    );
    await services.prisma.$transaction(
      (tx) => creditRefundToWallet(tx, refund.id, `provider refused: ${error.code}`),
      ledgerTransactionOptions,
    );
  }
}

/** Marks a pending gateway refund paid back: refunds payable → clearing. Idempotent. */
export async function completeRefund(tx: Tx, refundId: string): Promise<boolean> {
  const { count } = await tx.refund.updateMany({
    where: { id: refundId, status: "PENDING" },
    data: { status: "SUCCEEDED", completedAt: new Date() },
  });
  if (count === 0) return false;
  const refund = await tx.refund.findUniqueOrThrow({
    where: { id: refundId },
    include: { payment: true },
  });
  await confirmGatewayRefund(tx, {
    gatewayId: refund.payment.provider as string,
    currency: refund.payment.currency,
    amountMinor: refund.gatewayPartMinor,
    idempotencyKey: `refund:${refund.id}:paid`,
    paymentId: refund.paymentId,
  });
  return true;
}

async function creditRefundToWallet(tx: Tx, refundId: string, reason: string): Promise<void> {
  const { count } = await tx.refund.updateMany({
    where: { id: refundId, status: "PENDING" },
    data: {
      status: "SUCCEEDED",
      destination: "WALLET",
      failureReason: reason,
      completedAt: new Date(),
    },
  });
  if (count === 0) return;
  const refund = await tx.refund.findUniqueOrThrow({
    where: { id: refundId },
    include: { payment: true },
  });
  const { payment } = refund;
  await postTransaction(tx, {
    kind: "REFUND",
    idempotencyKey: `refund:${refund.id}:to-wallet`,
    references: { paymentId: payment.id, bookingId: payment.bookingId ?? undefined },
    entries: [
      {
        account: accounts.refundsPayable(payment.provider as string, payment.currency),
        amountMinor: -refund.gatewayPartMinor,
      },
      {
        account: accounts.wallet(payment.userId, payment.currency),
        amountMinor: refund.gatewayPartMinor,
      },
    ],
  });
}

/**
 * The provider says this much of a payment is refunded in all (a running total): every pending
 * gateway refund that total covers, oldest first, is complete.
 */
export async function completeGatewayRefunds(
  services: AppServices,
  paymentId: string,
  providerRefundedMinor: number,
): Promise<number> {
  return services.prisma.$transaction(async (tx) => {
    const refunds = await tx.refund.findMany({
      where: { paymentId, gatewayPartMinor: { gt: 0 }, destination: "ORIGINAL" },
      orderBy: { createdAt: "asc" },
    });
    let covered = 0;
    let completed = 0;
    for (const refund of refunds) {
      covered += refund.gatewayPartMinor;
      if (covered > providerRefundedMinor) break;
      if (refund.status === "PENDING" && (await completeRefund(tx, refund.id))) completed += 1;
    }
    return completed;
  }, ledgerTransactionOptions);
}
