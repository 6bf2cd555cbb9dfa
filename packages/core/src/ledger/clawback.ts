import { accounts, type LedgerEntryInput } from "./ledger.ts";

/**
 * Where a mentor's share taken back (a refund, a lost dispute, a freeze) comes from. Every path
 * that moves a mentor's earnings locks the mentor's accounts in one order (pending, available,
 * receivable, frozen), so two of them never wait on each other in a cycle.
 */
export interface Clawback {
  /** From the booking's own share still on hold (MENTOR_PENDING). */
  pendingMinor: number;
  /** From released earnings not yet requested for payout (MENTOR_AVAILABLE). */
  availableMinor: number;
  /** The rest: owed by the mentor (MENTOR_RECEIVABLE goes negative), settled by later releases. */
  receivableMinor: number;
}

/** The ledger entries of a clawback, signed: −1 takes from the mentor, +1 gives back. */
export function clawbackEntries(
  mentorId: string,
  currency: string,
  clawback: Clawback,
  sign: 1 | -1 = -1,
): LedgerEntryInput[] {
  const entries: LedgerEntryInput[] = [];
  const parts = [
    [accounts.mentorPending(mentorId, currency), clawback.pendingMinor],
    [accounts.mentorAvailable(mentorId, currency), clawback.availableMinor],
    [accounts.mentorReceivable(mentorId, currency), clawback.receivableMinor],
  ] as const;
  for (const [account, amount] of parts) {
    if (amount > 0) entries.push({ account, amountMinor: sign * amount });
  }
  return entries;
}
