import { randomUUID } from "node:crypto";
import type { Prisma } from "@mentora/db";
import { idempotencyKey, type ProviderPayout } from "@mentora/payment-gateway";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { type AuditActor, writeAudit } from "../audit/index.ts";
import { AppError, errorCodeOf } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { issuePayoutStatement } from "../invoices/index.ts";
import { enqueue } from "../jobs/define.ts";
import {
  completePayout,
  ledgerTransactionOptions,
  releasePayout,
  reservePayout,
} from "../ledger/index.ts";
import { isSupportedCurrency } from "../offerings/index.ts";
import { publishToAdmins } from "../realtime/index.ts";
import { payoutApproved, payoutFailed, payoutPaid, payoutRequested } from "./events.ts";
import { executePayoutQueue } from "./execute-payout.queue.ts";
import { destinationJsonOf, gatewayIdOf, methodFromRow, type PayoutMethodValue } from "./method.ts";

type Tx = Prisma.TransactionClient;
export type PayoutRow = Prisma.PayoutGetPayload<object>;
type PayoutStatus = PayoutRow["status"];
type Services = Pick<AppServices, "prisma" | "boss" | "config" | "gateways" | "logger">;

/** The clearing account a manual bank transfer leaves through (there is no gateway). */
export const BANK_TRANSFER_CLEARING = "bank-transfer";

/** Ledger keys: one reservation and one release per reservation number, one payment. */
export const payoutLedgerKeys = {
  reserve: (payoutId: string, n: number) => `payout:${payoutId}:reserve:${n}`,
  release: (payoutId: string, n: number) => `payout:${payoutId}:release:${n}`,
  paid: (payoutId: string) => `payout:${payoutId}:paid`,
};

/** The smallest payout in this currency (PAYOUT_MINIMUM_MINOR: its rule, else `*`, else 0). */
export function payoutMinimum(config: AppServices["config"], currency: string): number {
  const rules = config.payouts.minimumMinor;
  return rules[currency] ?? rules["*"] ?? 0;
}

/**
 * Guarded transition: moves the payout from one of `from` with `data`, and returns the row as it
 * is now (the update holds the row lock until commit), or null when it was not in `from`.
 */
export async function transitionPayout(
  tx: Tx,
  where: { id: string; mentorId?: string },
  from: readonly PayoutStatus[],
  data: Prisma.PayoutUpdateManyMutationInput,
): Promise<PayoutRow | null> {
  const { count } = await tx.payout.updateMany({
    where: { ...where, status: { in: [...from] } },
    data,
  });
  if (count !== 1) return null;
  // The admins' payout queue follows it live (issue #15).
  await publishToAdmins(tx, "admin.payouts", where.id);
  return tx.payout.findUniqueOrThrow({ where: { id: where.id } });
}

/** Why a guarded transition found nothing: NOT_FOUND, or the status it is in. */
async function refusal(tx: Tx, where: { id: string; mentorId?: string }): Promise<AppError> {
  const current = await tx.payout.findFirst({ where, select: { status: true } });
  return current
    ? new AppError("PAYOUT_STATUS_CONFLICT", { status: current.status })
    : new AppError("NOT_FOUND");
}

/** Checks the method can be paid now in this currency; returns its gateway id (null: by hand). */
function usableGateway(services: Services, method: PayoutMethodValue, currency: string) {
  const gatewayId = gatewayIdOf(method.kind);
  if (gatewayId === null) return null;
  if (method.kind === "SANDBOX" && services.config.app.env === "production") {
    throw new AppError("PAYOUT_METHOD_UNAVAILABLE", { method: method.kind });
  }
  if (!services.gateways.ids.includes(gatewayId)) {
    throw new AppError("PAYOUT_METHOD_UNAVAILABLE", { method: method.kind });
  }
  const gateway = services.gateways.get(gatewayId);
  const { payouts, currencies } = gateway.capabilities;
  if (!payouts || !gateway.createPayout || (currencies && !currencies.includes(currency))) {
    throw new AppError("PAYOUT_METHOD_UNAVAILABLE", { method: method.kind, currency });
  }
  return gatewayId;
}

/**
 * Money goes only where its owner proved it lands: a PayPal address confirmed from its mailbox,
 * a Stripe account the provider says accepts payouts (onboarded here, payouts_enabled).
 */
async function assertMethodCanReceive(
  tx: Tx,
  stored: { mentorId: string; verifiedAt: Date | null },
  method: PayoutMethodValue,
): Promise<void> {
  if (method.kind === "PAYPAL" && !stored.verifiedAt) {
    throw new AppError("PAYOUT_EMAIL_UNVERIFIED");
  }
  if (method.kind === "STRIPE_CONNECT") {
    const account = await tx.payoutAccount.findFirst({
      where: { mentorId: stored.mentorId, providerAccountId: method.accountId },
      select: { payoutsEnabled: true },
    });
    if (!account?.payoutsEnabled) throw new AppError("PAYOUT_ACCOUNT_NOT_READY");
  }
}

function exceedsAvailable(error: unknown): never {
  if (errorCodeOf(error) === "INSUFFICIENT_BALANCE") {
    const details = (error as AppError).details ?? {};
    throw new AppError("PAYOUT_EXCEEDS_AVAILABLE", {
      availableMinor: details.balanceMinor,
      currency: details.currency,
    });
  }
  throw error;
}

/**
 * A mentor asks for a payout of available earnings. The amount is reserved (available →
 * payout reserved) in the same transaction; the ledger's row lock on the available account makes
 * concurrent requests queue, so they can never reserve more than is available.
 */
export async function requestPayout(
  services: AppServices,
  input: { mentorId: string; currency: string; amountMinor: number; now?: Date },
): Promise<PayoutRow> {
  const { mentorId, currency, amountMinor } = input;
  if (!isSupportedCurrency(currency)) throw new AppError("CURRENCY_NOT_SUPPORTED", { currency });
  const minimumMinor = payoutMinimum(services.config, currency);
  if (!Number.isSafeInteger(amountMinor) || amountMinor < Math.max(minimumMinor, 1)) {
    throw new AppError("PAYOUT_BELOW_MINIMUM", { minimumMinor, currency });
  }
  const now = input.now ?? new Date();
  const id = randomUUID();
  try {
    return await services.prisma.$transaction(async (tx) => {
      // Share-locked: a concurrent method change waits for this request and then cancels it, or
      // this request waits for the change and meets its cooldown. Never a request in between.
      const [row] = await tx.$queryRaw<{ mentorId: string }[]>`
        SELECT "mentorId" FROM payout_method WHERE "mentorId" = ${mentorId} FOR SHARE`;
      const stored = row ? await tx.payoutMethod.findUnique({ where: { mentorId } }) : null;
      if (!stored) throw new AppError("PAYOUT_METHOD_MISSING");
      if (stored.cooldownUntil && stored.cooldownUntil > now) {
        throw new AppError("PAYOUT_METHOD_COOLDOWN", { availableAt: stored.cooldownUntil });
      }
      const method = methodFromRow(stored);
      const gatewayId = usableGateway(services, method, currency);
      await assertMethodCanReceive(tx, stored, method);
      const payout = await tx.payout.create({
        data: {
          id,
          mentorId,
          currency,
          amountMinor,
          // Frozen here: approval and execution pay exactly this destination.
          method: method.kind,
          destination: destinationJsonOf(method),
          methodSetAt: stored.setAt,
          gatewayId,
          gatewayKey: idempotencyKey.payout(id),
          status: "REQUESTED",
          reserved: true,
          reservations: 1,
        },
      });
      await reservePayout(tx, {
        mentorId,
        currency,
        amountMinor,
        idempotencyKey: payoutLedgerKeys.reserve(id, 1),
      });
      await recordEvent(
        services,
        tx,
        payoutRequested.of({ payoutId: id, mentorId, currency, amountMinor }, now),
      );
      await publishToAdmins(tx, "admin.payouts", payout.id);
      return payout;
    }, ledgerTransactionOptions);
  } catch (error) {
    return exceedsAvailable(error);
  }
}

/** Returns the payout's reservation to available earnings, if it holds one. */
export async function releaseReservationOf(tx: Tx, payout: PayoutRow): Promise<void> {
  if (!payout.reserved) return;
  await releasePayout(tx, {
    mentorId: payout.mentorId,
    currency: payout.currency,
    amountMinor: payout.amountMinor,
    idempotencyKey: payoutLedgerKeys.release(payout.id, payout.reservations),
  });
  await tx.payout.update({ where: { id: payout.id }, data: { reserved: false } });
}

/** The mentor cancels their own payout while it is REQUESTED; the reservation returns. */
export async function cancelPayout(
  services: Services,
  input: { mentorId: string; payoutId: string; now?: Date },
): Promise<PayoutRow> {
  const where = { id: input.payoutId, mentorId: input.mentorId };
  return services.prisma.$transaction(async (tx) => {
    const payout = await transitionPayout(tx, where, ["REQUESTED"], {
      status: "CANCELLED",
      cancelledAt: input.now ?? new Date(),
    });
    if (!payout) throw await refusal(tx, where);
    await releaseReservationOf(tx, payout);
    return tx.payout.findUniqueOrThrow({ where: { id: payout.id } });
  }, ledgerTransactionOptions);
}

/**
 * An admin approves a REQUESTED payout to the destination frozen at request (the method on file
 * now plays no part: a change since then cancelled open requests), a reservation is made again
 * if a failed attempt had returned it, and `payout.execute` is enqueued in the same
 * transaction (one at a time per mentor). A bank transfer waits for markBankTransferPaid.
 */
export async function approvePayout(
  services: AppServices,
  input: { payoutId: string; actor: AuditActor; now?: Date },
): Promise<PayoutRow> {
  const now = input.now ?? new Date();
  const where = { id: input.payoutId };
  try {
    return await services.prisma.$transaction(async (tx) => {
      const approved = await transitionPayout(tx, where, ["REQUESTED"], {
        status: "APPROVED",
        approvedById: input.actor.actorId,
        approvedAt: now,
      });
      if (!approved) throw await refusal(tx, where);
      const method = methodFromRow({ kind: approved.method, destination: approved.destination });
      const gatewayId = usableGateway(services, method, approved.currency);
      let reservations = approved.reservations;
      if (!approved.reserved) {
        reservations += 1;
        await reservePayout(tx, {
          mentorId: approved.mentorId,
          currency: approved.currency,
          amountMinor: approved.amountMinor,
          idempotencyKey: payoutLedgerKeys.reserve(approved.id, reservations),
        });
      }
      const payout = await tx.payout.update({
        where: { id: approved.id },
        data: {
          gatewayId,
          reserved: true,
          reservations,
        },
      });
      if (gatewayId) await enqueueExecute(services, tx, payout);
      await recordEvent(
        services,
        tx,
        payoutApproved.of(
          {
            payoutId: payout.id,
            mentorId: payout.mentorId,
            currency: payout.currency,
            amountMinor: payout.amountMinor,
            attempt: payout.attempts + 1,
          },
          now,
        ),
      );
      await writeAudit(tx, input.actor, {
        action: "payout.approve",
        targetType: "payout",
        targetId: payout.id,
        details: {
          mentorId: payout.mentorId,
          amountMinor: payout.amountMinor,
          currency: payout.currency,
          method: payout.method,
          attempt: payout.attempts + 1,
        },
      });
      return payout;
    }, ledgerTransactionOptions);
  } catch (error) {
    return exceedsAvailable(error);
  }
}

/** Sends `payout.execute` in the caller's transaction; singletonKey = the mentor. */
export async function enqueueExecute(services: Services, tx: Tx, payout: PayoutRow) {
  await enqueue(
    services.boss,
    executePayoutQueue,
    { payoutId: payout.id },
    { db: fromPrisma(tx), singletonKey: payout.mentorId },
  );
}

/** An admin rejects a REQUESTED payout with a reason; the reservation returns. */
export async function rejectPayout(
  services: Services,
  input: { payoutId: string; reason: string; actor: AuditActor; now?: Date },
): Promise<PayoutRow> {
  const where = { id: input.payoutId };
  return services.prisma.$transaction(async (tx) => {
    const payout = await transitionPayout(tx, where, ["REQUESTED"], {
      status: "REJECTED",
      rejectedById: input.actor.actorId,
      rejectedAt: input.now ?? new Date(),
      rejectionReason: input.reason,
    });
    if (!payout) throw await refusal(tx, where);
    await releaseReservationOf(tx, payout);
    await writeAudit(tx, input.actor, {
      action: "payout.reject",
      targetType: "payout",
      targetId: payout.id,
      details: {
        mentorId: payout.mentorId,
        amountMinor: payout.amountMinor,
        currency: payout.currency,
        reason: input.reason,
      },
    });
    return tx.payout.findUniqueOrThrow({ where: { id: payout.id } });
  }, ledgerTransactionOptions);
}

/**
 * THE way a payout becomes PAID, whoever learns it (execute, webhook, reconcile, an admin for a
 * bank transfer): guarded → PAID and the ledger posting reserved → clearing (key
 * payout:<id>:paid) in the caller's transaction. Returns false when it was not payable from its
 * state (already paid: a replay). The payout statement is to be issued here.
 */
export async function markPayoutPaid(
  services: AppServices,
  tx: Tx,
  payout: PayoutRow,
  input: { reference: string; providerPayoutId?: string; now?: Date },
): Promise<boolean> {
  const now = input.now ?? new Date();
  // A gateway payout is paid only from PROCESSING (the call happens after that transition); a
  // bank transfer from APPROVED, by an admin.
  const from: PayoutStatus = payout.gatewayId ? "PROCESSING" : "APPROVED";
  const paid = await transitionPayout(tx, { id: payout.id }, [from], {
    status: "PAID",
    paidAt: now,
    reference: input.reference,
    ...(input.providerPayoutId ? { providerPayoutId: input.providerPayoutId } : {}),
    reserved: false,
  });
  if (!paid) return false;
  await completePayout(tx, {
    mentorId: paid.mentorId,
    currency: paid.currency,
    amountMinor: paid.amountMinor,
    gatewayId: paid.gatewayId ?? BANK_TRANSFER_CLEARING,
    idempotencyKey: payoutLedgerKeys.paid(paid.id),
  });
  // Last: it holds the statement series' counter lock until this transaction commits.
  await issuePayoutStatement(services, tx, {
    payoutId: paid.id,
    mentorId: paid.mentorId,
    currency: paid.currency,
    amountMinor: paid.amountMinor,
    feeMinor: paid.feeMinor,
    method: paid.method,
    reference: input.reference,
    paidAt: now,
  });
  await recordEvent(
    services,
    tx,
    payoutPaid.of(
      {
        payoutId: paid.id,
        mentorId: paid.mentorId,
        currency: paid.currency,
        amountMinor: paid.amountMinor,
        reference: input.reference,
      },
      now,
    ),
  );
  return true;
}

/**
 * The gateway refused the payout for good: the reservation returns to available earnings and
 * the request goes back to REQUESTED with the reason (an admin may approve it again once the
 * mentor fixed their method). The next attempt uses a new idempotency key, since the provider
 * would answer the old one with the same refusal.
 */
export async function failPayout(
  services: AppServices,
  tx: Tx,
  payout: PayoutRow,
  input: { reason: string; now?: Date },
): Promise<boolean> {
  const failed = await transitionPayout(tx, { id: payout.id }, ["PROCESSING"], {
    status: "REQUESTED",
    lastFailure: input.reason.slice(0, 500),
    lastFailedAt: input.now ?? new Date(),
    gatewayKey: `${idempotencyKey.payout(payout.id)}:after-${payout.attempts}`,
    providerPayoutId: null,
    approvedById: null,
    approvedAt: null,
    processingAt: null,
  });
  if (!failed) return false;
  await releaseReservationOf(tx, failed);
  await recordEvent(
    services,
    tx,
    payoutFailed.of(
      {
        payoutId: failed.id,
        mentorId: failed.mentorId,
        currency: failed.currency,
        amountMinor: failed.amountMinor,
        attempt: payout.attempts,
        reason: input.reason.slice(0, 500),
      },
      input.now ?? new Date(),
    ),
  );
  return true;
}

/**
 * Applies the provider's answer about a PROCESSING payout: paid → markPayoutPaid, failed →
 * failPayout, pending → remember its provider id and wait (webhook or reconcile).
 */
export async function applyProviderPayout(
  services: AppServices,
  payoutId: string,
  truth: ProviderPayout,
  now = new Date(),
): Promise<PayoutStatus> {
  return services.prisma.$transaction(async (tx) => {
    const payout = await tx.payout.findUniqueOrThrow({ where: { id: payoutId } });
    if (truth.status === "paid") {
      await markPayoutPaid(services, tx, payout, {
        reference: truth.providerPayoutId,
        providerPayoutId: truth.providerPayoutId,
        now,
      });
    } else if (truth.status === "failed") {
      if (payout.status === "PAID") {
        services.logger.error(
          { payoutId, providerPayoutId: truth.providerPayoutId },
          "the provider reports a failure for a payout we recorded as paid: needs an admin",
        );
      }
      await failPayout(services, tx, payout, {
        reason: truth.failureReason ?? "failed",
        now,
      });
    } else {
      await tx.payout.updateMany({
        where: { id: payoutId, status: "PROCESSING", providerPayoutId: null },
        data: { providerPayoutId: truth.providerPayoutId },
      });
    }
    const after = await tx.payout.findUniqueOrThrow({ where: { id: payoutId } });
    return after.status;
  }, ledgerTransactionOptions);
}

/** An admin records a manual bank transfer as made, with the bank's reference. */
export async function markBankTransferPaid(
  services: AppServices,
  input: { payoutId: string; reference: string; actor: AuditActor; now?: Date },
): Promise<PayoutRow> {
  return services.prisma.$transaction(async (tx) => {
    const payout = await tx.payout.findUnique({ where: { id: input.payoutId } });
    if (!payout) throw new AppError("NOT_FOUND");
    if (payout.method !== "BANK_TRANSFER" || payout.gatewayId !== null) {
      throw new AppError("PAYOUT_STATUS_CONFLICT", {
        status: payout.status,
        method: payout.method,
      });
    }
    const paid = await markPayoutPaid(services, tx, payout, {
      reference: input.reference,
      now: input.now,
    });
    if (!paid) throw new AppError("PAYOUT_STATUS_CONFLICT", { status: payout.status });
    await writeAudit(tx, input.actor, {
      action: "payout.mark-paid",
      targetType: "payout",
      targetId: payout.id,
      details: {
        mentorId: payout.mentorId,
        amountMinor: payout.amountMinor,
        currency: payout.currency,
        reference: input.reference,
      },
    });
    return tx.payout.findUniqueOrThrow({ where: { id: payout.id } });
  }, ledgerTransactionOptions);
}
