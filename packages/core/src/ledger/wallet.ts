import { AppError } from "../errors/index.ts";
import { type Clawback, clawbackEntries } from "./clawback.ts";
import {
  type AccountRef,
  accounts,
  type LedgerDb,
  type LedgerEntryInput,
  type PostedTransaction,
  postTransaction,
} from "./ledger.ts";

/**
 * Money movements built on postTransaction. Each takes the root client or the caller's
 * interactive transaction (so a payment can post and enqueue in one commit) and an idempotency
 * key derived from what causes it (`payment:<id>:settle`), so a retried event posts once.
 */

interface Movement {
  currency: string;
  /** Positive integer minor units. */
  amountMinor: number;
  idempotencyKey: string;
  paymentId?: string;
  bookingId?: string;
}

interface Split {
  mentorId: string;
  /** The platform's commission in basis points (1500 = 15%), 0–10000. */
  feeBasisPoints: number;
  /**
   * The commission of this part when it was computed over a whole (see splitFee): a payment
   * paid partly from the wallet is charged the fee of its total, not the sum of two roundings.
   */
  feeMinor?: number;
  /**
   * Refunds only: where the mentor's part is taken from (planClawback). Without it, all from
   * pending earnings, as before the share is released.
   */
  clawback?: Clawback;
}

/**
 * The platform's part of an amount: basis points, rounded half up, in integers only. A refund
 * of the whole amount with the same basis points reverses exactly what was taken.
 */
export function platformFee(amountMinor: number, feeBasisPoints: number): number {
  if (!Number.isSafeInteger(feeBasisPoints) || feeBasisPoints < 0 || feeBasisPoints > 10_000) {
    throw new AppError("VALIDATION_FAILED", { field: "feeBasisPoints" });
  }
  return Number((BigInt(amountMinor) * BigInt(feeBasisPoints) + 5_000n) / 10_000n);
}

/**
 * Shares `feeMinor` (the fee of `first + second`, or of a slice of it) between two parts: the
 * first takes its own fee as far as the bounds allow, the second the rest. Each share stays
 * within its part, so a mentor's share is never negative; needs 0 <= feeMinor <= first + second.
 */
export function splitFee(
  feeMinor: number,
  first: number,
  second: number,
  feeBasisPoints: number,
): [number, number] {
  if (!Number.isSafeInteger(feeMinor) || feeMinor < 0 || feeMinor > first + second) {
    throw new AppError("VALIDATION_FAILED", { field: "feeMinor", feeMinor });
  }
  const own = first > 0 ? platformFee(first, feeBasisPoints) : 0;
  const firstShare = Math.min(Math.max(own, feeMinor - second), Math.min(first, feeMinor));
  return [firstShare, feeMinor - firstShare];
}

function assertAmount(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new AppError("VALIDATION_FAILED", { field: "amountMinor", amountMinor });
  }
}

/** Entries moving `amount` out of `from` into the mentor's pending earnings and platform fees. */
function splitEntries(from: AccountRef, input: Movement & Split, sign: 1 | -1): LedgerEntryInput[] {
  const fee = input.feeMinor ?? platformFee(input.amountMinor, input.feeBasisPoints);
  if (!Number.isSafeInteger(fee) || fee < 0 || fee > input.amountMinor) {
    throw new AppError("VALIDATION_FAILED", { field: "feeMinor", feeMinor: fee });
  }
  const mentorPart = input.amountMinor - fee;
  const entries: LedgerEntryInput[] = [{ account: from, amountMinor: -sign * input.amountMinor }];
  if (mentorPart > 0 && sign === -1 && input.clawback) {
    const { pendingMinor, availableMinor, receivableMinor } = input.clawback;
    if (pendingMinor + availableMinor + receivableMinor !== mentorPart) {
      throw new AppError("VALIDATION_FAILED", { field: "clawback", mentorPart });
    }
    entries.push(...clawbackEntries(input.mentorId, input.currency, input.clawback));
  } else if (mentorPart > 0) {
    entries.push({
      account: accounts.mentorPending(input.mentorId, input.currency),
      amountMinor: sign * mentorPart,
    });
  }
  if (fee > 0) {
    entries.push({ account: accounts.platformFees(input.currency), amountMinor: sign * fee });
  }
  return entries;
}

function post(
  db: LedgerDb,
  kind: Parameters<typeof postTransaction>[1]["kind"],
  input: Movement,
  entries: LedgerEntryInput[],
): Promise<PostedTransaction> {
  assertAmount(input.amountMinor);
  return postTransaction(db, {
    kind,
    idempotencyKey: input.idempotencyKey,
    entries,
    references: { paymentId: input.paymentId, bookingId: input.bookingId },
  });
}

/** Money paid in through a gateway lands in the user's wallet: clearing → wallet. */
export function topUpWallet(
  db: LedgerDb,
  input: Movement & { userId: string; gatewayId: string },
): Promise<PostedTransaction> {
  return post(db, "TOP_UP", input, [
    {
      account: accounts.clearing(input.gatewayId, input.currency),
      amountMinor: -input.amountMinor,
    },
    { account: accounts.wallet(input.userId, input.currency), amountMinor: input.amountMinor },
  ]);
}

/**
 * Sets wallet balance aside while a checkout is open: wallet → reserved. Refuses with
 * INSUFFICIENT_BALANCE when the wallet holds less (checked under a row lock).
 */
export function reserveWallet(
  db: LedgerDb,
  input: Movement & { userId: string },
): Promise<PostedTransaction> {
  return post(db, "RESERVE", input, [
    { account: accounts.wallet(input.userId, input.currency), amountMinor: -input.amountMinor },
    { account: accounts.reserved(input.userId, input.currency), amountMinor: input.amountMinor },
  ]);
}

/** The checkout expired or failed: reserved → wallet. */
export function releaseReservation(
  db: LedgerDb,
  input: Movement & { userId: string },
): Promise<PostedTransaction> {
  return post(db, "RELEASE", input, [
    { account: accounts.reserved(input.userId, input.currency), amountMinor: -input.amountMinor },
    { account: accounts.wallet(input.userId, input.currency), amountMinor: input.amountMinor },
  ]);
}

/** The payment succeeded: reserved → mentor pending earnings + platform fee. */
export function captureReservation(
  db: LedgerDb,
  input: Movement & Split & { userId: string },
): Promise<PostedTransaction> {
  return post(
    db,
    "PAYMENT",
    input,
    splitEntries(accounts.reserved(input.userId, input.currency), input, 1),
  );
}

/** The gateway part of a payment settled: clearing → mentor pending earnings + platform fee. */
export function settleGatewayPayment(
  db: LedgerDb,
  input: Movement & Split & { gatewayId: string },
): Promise<PostedTransaction> {
  return post(
    db,
    "PAYMENT",
    input,
    splitEntries(accounts.clearing(input.gatewayId, input.currency), input, 1),
  );
}

/**
 * Refunds to the payer's wallet: mentor pending earnings + platform fee → wallet. Refuses with
 * INSUFFICIENT_BALANCE if the mentor's pending earnings no longer cover their part.
 */
export function refundToWallet(
  db: LedgerDb,
  input: Movement & Split & { userId: string },
): Promise<PostedTransaction> {
  return post(
    db,
    "REFUND",
    input,
    splitEntries(accounts.wallet(input.userId, input.currency), input, -1),
  );
}

/**
 * Refunds through the gateway: mentor pending earnings + platform fee → refunds payable for
 * that gateway, until the gateway confirms (confirmGatewayRefund).
 */
export function refundToGateway(
  db: LedgerDb,
  input: Movement & Split & { gatewayId: string },
): Promise<PostedTransaction> {
  return post(
    db,
    "REFUND",
    input,
    splitEntries(accounts.refundsPayable(input.gatewayId, input.currency), input, -1),
  );
}

/** The gateway paid the refund out: refunds payable → clearing. */
export function confirmGatewayRefund(
  db: LedgerDb,
  input: Movement & { gatewayId: string },
): Promise<PostedTransaction> {
  return post(db, "REFUND_PAID", input, [
    {
      account: accounts.refundsPayable(input.gatewayId, input.currency),
      amountMinor: -input.amountMinor,
    },
    { account: accounts.clearing(input.gatewayId, input.currency), amountMinor: input.amountMinor },
  ]);
}

/**
 * After the hold period: the mentor's pending earnings become available for payout, except
 * `settleOwedMinor` (at most the amount), which first pays back what the mentor owes
 * (MENTOR_RECEIVABLE, from refunds or lost disputes after an earlier release).
 */
export function releaseEarnings(
  db: LedgerDb,
  input: Movement & { mentorId: string; settleOwedMinor?: number },
): Promise<PostedTransaction> {
  const settle = input.settleOwedMinor ?? 0;
  if (!Number.isSafeInteger(settle) || settle < 0 || settle > input.amountMinor) {
    throw new AppError("VALIDATION_FAILED", { field: "settleOwedMinor", settleOwedMinor: settle });
  }
  const entries: LedgerEntryInput[] = [
    {
      account: accounts.mentorPending(input.mentorId, input.currency),
      amountMinor: -input.amountMinor,
    },
  ];
  if (settle > 0) {
    entries.push({
      account: accounts.mentorReceivable(input.mentorId, input.currency),
      amountMinor: settle,
    });
  }
  if (input.amountMinor > settle) {
    entries.push({
      account: accounts.mentorAvailable(input.mentorId, input.currency),
      amountMinor: input.amountMinor - settle,
    });
  }
  return post(db, "EARNINGS_RELEASE", input, entries);
}

interface PayoutMovement extends Movement {
  mentorId: string;
}

/**
 * A mentor asked for a payout: available → payout reserved. Refuses with INSUFFICIENT_BALANCE
 * when less is available (checked under the account's row lock, so concurrent requests queue).
 */
export function reservePayout(db: LedgerDb, input: PayoutMovement): Promise<PostedTransaction> {
  return post(db, "PAYOUT_RESERVE", input, [
    {
      account: accounts.mentorAvailable(input.mentorId, input.currency),
      amountMinor: -input.amountMinor,
    },
    {
      account: accounts.mentorPayoutReserved(input.mentorId, input.currency),
      amountMinor: input.amountMinor,
    },
  ]);
}

/** The payout was cancelled, rejected or failed: payout reserved → available. */
export function releasePayout(db: LedgerDb, input: PayoutMovement): Promise<PostedTransaction> {
  return post(db, "PAYOUT_RELEASE", input, [
    {
      account: accounts.mentorPayoutReserved(input.mentorId, input.currency),
      amountMinor: -input.amountMinor,
    },
    {
      account: accounts.mentorAvailable(input.mentorId, input.currency),
      amountMinor: input.amountMinor,
    },
  ]);
}

/**
 * The money left: payout reserved → the paying gateway's clearing (for a manual bank transfer,
 * the clearing account of "bank-transfer"), balancing what came in through it.
 */
export function completePayout(
  db: LedgerDb,
  input: PayoutMovement & { gatewayId: string },
): Promise<PostedTransaction> {
  return post(db, "PAYOUT", input, [
    {
      account: accounts.mentorPayoutReserved(input.mentorId, input.currency),
      amountMinor: -input.amountMinor,
    },
    { account: accounts.clearing(input.gatewayId, input.currency), amountMinor: input.amountMinor },
  ]);
}
