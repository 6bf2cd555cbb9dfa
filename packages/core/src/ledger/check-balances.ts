import type { LedgerDb } from "./ledger.ts";

export interface BalanceMismatch {
  accountId: string;
  kind: string;
  owner: string;
  currency: string;
  /** The balance kept on the account row. */
  storedMinor: number;
  /** What the account's entries sum to: the truth. */
  summedMinor: number;
}

/**
 * Accounts whose stored balance (decision 028) differs from the sum of their entries. One
 * statement, so one snapshot: a posting's entries and its balance update commit together and are
 * seen together. A full scan of the entries: run it off-peak (the nightly job), not per request.
 */
export async function findBalanceMismatches(db: LedgerDb): Promise<BalanceMismatch[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      kind: string;
      owner: string;
      currency: string;
      stored: bigint;
      summed: bigint;
    }[]
  >`
    SELECT a.id, a.kind::text AS kind, a.owner, a.currency,
           a."balanceMinor" AS stored, coalesce(s.total, 0)::bigint AS summed
      FROM ledger_account a
      LEFT JOIN (SELECT "accountId", sum("amountMinor") AS total
                   FROM ledger_entry GROUP BY "accountId") s ON s."accountId" = a.id
     WHERE a."balanceMinor" <> coalesce(s.total, 0)
     ORDER BY a.id`;
  return rows.map((row) => ({
    accountId: row.id,
    kind: row.kind,
    owner: row.owner,
    currency: row.currency,
    storedMinor: Number(row.stored),
    summedMinor: Number(row.summed),
  }));
}

export interface EntryStampMismatch {
  entryId: string;
  transactionId: string;
}

/**
 * Entries whose copy of their transaction's time and kind (decision 056, what the revenue
 * dashboard sums by) differs from the transaction: only a write around the ledger's triggers
 * (a restore, a hand-made UPDATE with triggers off) can cause one. At most `limit` of them;
 * a full scan, for the nightly job.
 */
export async function findEntryStampMismatches(
  db: LedgerDb,
  limit = 100,
): Promise<EntryStampMismatch[]> {
  const rows = await db.$queryRaw<{ id: string; transactionId: string }[]>`
    SELECT e.id, e."transactionId"
      FROM ledger_entry e
      JOIN ledger_transaction t ON t.id = e."transactionId"
     WHERE e."postedAt" IS DISTINCT FROM t."createdAt"
        OR e."transactionKind" IS DISTINCT FROM t.kind
     ORDER BY e.id
     LIMIT ${limit}`;
  return rows.map((row) => ({ entryId: row.id, transactionId: row.transactionId }));
}
