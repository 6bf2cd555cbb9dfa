import type { Prisma } from "@mentora/db";
import { AppError } from "../errors/index.ts";
import { accountFor, accounts, type LedgerEntryInput, postTransaction } from "./ledger.ts";

export { type Clawback, clawbackEntries } from "./clawback.ts";

import { type Clawback, clawbackEntries } from "./clawback.ts";
import { releaseEarnings } from "./wallet.ts";

type Tx = Prisma.TransactionClient;

export interface MentorAccountIds {
  pending: string;
  available: string;
  receivable: string;
  frozen: string;
}

const lockOrder = ["pending", "available", "receivable", "frozen"] as const;

/** Gets (creating) and locks FOR UPDATE the named accounts of a mentor, in the global order. */
export async function lockMentorAccounts(
  tx: Tx,
  mentorId: string,
  currency: string,
  which: readonly (keyof MentorAccountIds)[] = lockOrder,
): Promise<Partial<MentorAccountIds>> {
  const refs = {
    pending: accounts.mentorPending(mentorId, currency),
    available: accounts.mentorAvailable(mentorId, currency),
    receivable: accounts.mentorReceivable(mentorId, currency),
    frozen: accounts.mentorFrozen(mentorId, currency),
  };
  const ids: Partial<MentorAccountIds> = {};
  for (const name of lockOrder) {
    if (!which.includes(name)) continue;
    const { id } = await accountFor(tx, refs[name]);
    await tx.$queryRaw`SELECT id FROM ledger_account WHERE id = ${id} FOR UPDATE`;
    ids[name] = id;
  }
  return ids;
}

/** The balance kept on the account row (decision 028); callers hold the row's lock. */
async function storedBalance(tx: Tx, accountId: string): Promise<number> {
  const { balanceMinor } = await tx.ledgerAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: { balanceMinor: true },
  });
  return Number(balanceMinor);
}

async function sumOf(tx: Tx, where: Prisma.LedgerEntryWhereInput): Promise<number> {
  const { _sum } = await tx.ledgerEntry.aggregate({ where, _sum: { amountMinor: true } });
  return Number(_sum.amountMinor ?? 0n);
}

/**
 * Plans taking `amountMinor` of a mentor's share back, under the accounts' locks (held until the
 * caller's transaction ends): first the booking's own share still pending (never another
 * booking's, whose release would then fail), then available earnings, the rest as a receivable.
 */
export async function planClawback(
  tx: Tx,
  input: { mentorId: string; currency: string; bookingId?: string | null; amountMinor: number },
): Promise<Clawback> {
  const { amountMinor } = input;
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new AppError("VALIDATION_FAILED", { field: "amountMinor", amountMinor });
  }
  const ids = (await lockMentorAccounts(tx, input.mentorId, input.currency, [
    "pending",
    "available",
    "receivable",
  ])) as MentorAccountIds;
  const pendingBalance = await storedBalance(tx, ids.pending);
  const bookingPending = input.bookingId
    ? await sumOf(tx, { accountId: ids.pending, transaction: { bookingId: input.bookingId } })
    : 0;
  const pendingMinor = Math.max(0, Math.min(amountMinor, bookingPending, pendingBalance));
  const available = await storedBalance(tx, ids.available);
  const availableMinor = Math.max(0, Math.min(amountMinor - pendingMinor, available));
  return {
    pendingMinor,
    availableMinor,
    receivableMinor: amountMinor - pendingMinor - availableMinor,
  };
}

/** What the mentor owes now (≥ 0): minus the receivable's balance, read under its lock. */
export async function owedByMentor(tx: Tx, receivableAccountId: string): Promise<number> {
  return Math.max(0, -(await storedBalance(tx, receivableAccountId)));
}

/**
 * What a booking earned its mentor and is still pending: the MENTOR_PENDING entries of the
 * booking's transactions (payments credit it, refunds and freezes take back), without the
 * release itself.
 */
export async function pendingShareOfBooking(
  tx: Tx,
  input: { bookingId: string; pendingAccountId: string },
): Promise<number> {
  return sumOf(tx, {
    accountId: input.pendingAccountId,
    transaction: { bookingId: input.bookingId, kind: { not: "EARNINGS_RELEASE" } },
  });
}

export const earningsReleaseKey = (bookingId: string) => `earnings:${bookingId}:release`;

/**
 * Releases a booking's pending share once (key earnings:<bookingId>:release): what the mentor
 * owes is settled first, the rest becomes available. Returns the share released now (0 when
 * nothing is left or it was released before).
 */
export async function releaseBookingShare(
  tx: Tx,
  input: { mentorId: string; currency: string; bookingId: string },
): Promise<{ releasedMinor: number; settledMinor: number }> {
  // Refunds and disputes lock these too (same order): the share cannot change under us.
  const ids = await lockMentorAccounts(tx, input.mentorId, input.currency, [
    "pending",
    "receivable",
  ]);
  const share = await pendingShareOfBooking(tx, {
    bookingId: input.bookingId,
    pendingAccountId: ids.pending as string,
  });
  if (share <= 0) return { releasedMinor: 0, settledMinor: 0 };
  const settle = Math.min(share, await owedByMentor(tx, ids.receivable as string));
  const posted = await releaseEarnings(tx, {
    mentorId: input.mentorId,
    currency: input.currency,
    amountMinor: share,
    settleOwedMinor: settle,
    idempotencyKey: earningsReleaseKey(input.bookingId),
    bookingId: input.bookingId,
  });
  return posted.created
    ? { releasedMinor: share, settledMinor: settle }
    : { releasedMinor: 0, settledMinor: 0 };
}

interface DisputeMoney {
  mentorId: string;
  currency: string;
  bookingId?: string | null;
  paymentId?: string;
  idempotencyKey: string;
}

/**
 * A dispute opened: up to `amountMinor` of the mentor's share moves to MENTOR_FROZEN, from the
 * booking's pending share, then available earnings. What was paid out already cannot be frozen.
 * Returns what was frozen.
 */
export async function freezeDisputedShare(
  tx: Tx,
  input: DisputeMoney & { amountMinor: number },
): Promise<number> {
  const plan = await planClawback(tx, input);
  const frozen = plan.pendingMinor + plan.availableMinor;
  if (frozen <= 0) return 0;
  await postTransaction(tx, {
    kind: "DISPUTE_FREEZE",
    idempotencyKey: input.idempotencyKey,
    references: { paymentId: input.paymentId, bookingId: input.bookingId ?? undefined },
    entries: [
      ...clawbackEntries(input.mentorId, input.currency, { ...plan, receivableMinor: 0 }),
      { account: accounts.mentorFrozen(input.mentorId, input.currency), amountMinor: frozen },
    ],
  });
  return frozen;
}

/**
 * A dispute won: the frozen share returns to the booking's pending share when it was not
 * released yet, else to available earnings after settling what the mentor owes.
 */
export async function unfreezeDisputedShare(
  tx: Tx,
  input: DisputeMoney & { frozenMinor: number; released: boolean },
): Promise<void> {
  const { mentorId, currency, frozenMinor } = input;
  if (frozenMinor <= 0) return;
  const ids = await lockMentorAccounts(tx, mentorId, currency);
  const entries: LedgerEntryInput[] = [
    { account: accounts.mentorFrozen(mentorId, currency), amountMinor: -frozenMinor },
  ];
  if (input.released) {
    const settle = Math.min(frozenMinor, await owedByMentor(tx, ids.receivable as string));
    if (settle > 0) {
      entries.push({ account: accounts.mentorReceivable(mentorId, currency), amountMinor: settle });
    }
    if (frozenMinor > settle) {
      entries.push({
        account: accounts.mentorAvailable(mentorId, currency),
        amountMinor: frozenMinor - settle,
      });
    }
  } else {
    entries.push({ account: accounts.mentorPending(mentorId, currency), amountMinor: frozenMinor });
  }
  await postTransaction(tx, {
    kind: "DISPUTE_UNFREEZE",
    idempotencyKey: input.idempotencyKey,
    references: { paymentId: input.paymentId, bookingId: input.bookingId ?? undefined },
    entries,
  });
}

/**
 * A dispute lost: `amountMinor` leaves through the gateway (its clearing). The mentor loses
 * `mentorPartMinor`: the frozen share first (any excess goes back to available), the rest clawed
 * back like a refund after release; the platform's fees carry the remainder.
 */
export async function postDisputeLoss(
  tx: Tx,
  input: Omit<DisputeMoney, "mentorId"> & {
    mentorId: string | null;
    gatewayId: string;
    amountMinor: number;
    mentorPartMinor: number;
    frozenMinor: number;
  },
): Promise<void> {
  const { mentorId, currency, frozenMinor } = input;
  const mentorPart = mentorId ? input.mentorPartMinor : 0;
  const entries: LedgerEntryInput[] = [
    { account: accounts.clearing(input.gatewayId, currency), amountMinor: input.amountMinor },
  ];
  if (input.amountMinor > mentorPart) {
    entries.push({
      account: accounts.platformFees(currency),
      amountMinor: -(input.amountMinor - mentorPart),
    });
  }
  if (mentorId) {
    await lockMentorAccounts(tx, mentorId, currency);
    if (frozenMinor > 0) {
      entries.push({
        account: accounts.mentorFrozen(mentorId, currency),
        amountMinor: -frozenMinor,
      });
    }
    if (mentorPart > frozenMinor) {
      const plan = await planClawback(tx, {
        mentorId,
        currency,
        bookingId: input.bookingId,
        amountMinor: mentorPart - frozenMinor,
      });
      entries.push(...clawbackEntries(mentorId, currency, plan));
    } else if (frozenMinor > mentorPart) {
      entries.push({
        account: accounts.mentorAvailable(mentorId, currency),
        amountMinor: frozenMinor - mentorPart,
      });
    }
  }
  await postTransaction(tx, {
    kind: "DISPUTE_LOSS",
    idempotencyKey: input.idempotencyKey,
    references: { paymentId: input.paymentId, bookingId: input.bookingId ?? undefined },
    entries,
  });
}
