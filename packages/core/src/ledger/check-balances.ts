import type { LedgerDb } from "./ledger.ts";

export interface BalanceMismatch {
  accountId: string;
  kind: string;
  owner: string;
  currency: string;
  /** A house account's balance shard (decision 060); null: the balance on the account row. */
  shard: number | null;
  /** The balance kept on the account row or on the shard. */
  storedMinor: number;
  /** What the entries posted to it sum to: the truth. */
  summedMinor: number;
}

/**
 * Stored balances (decision 028: on the account row; decision 060: a house account's balance
 * shards) that differ from the sum of the entries posted to them: each account row against its
 * entries with no shard, each shard against its own entries. One statement, so one snapshot: a
 * posting's entries and its balance update commit together and are seen together. A full scan
 * of the entries: run it off-peak (the nightly job), not per request.
 */
export async function findBalanceMismatches(db: LedgerDb): Promise<BalanceMismatch[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      kind: string;
      owner: string;
      currency: string;
      shard: number | null;
      stored: bigint;
      summed: bigint;
    }[]
  >`
    WITH stored AS (
           SELECT id AS "accountId", -1 AS shard, "balanceMinor" AS balance FROM ledger_account
           UNION ALL
           SELECT "accountId", shard, "balanceMinor" FROM ledger_balance_shard),
         summed AS (
           SELECT "accountId", coalesce(shard, -1) AS shard, sum("amountMinor") AS total
             FROM ledger_entry GROUP BY 1, 2)
    SELECT a.id, a.kind::text AS kind, a.owner, a.currency,
           nullif(coalesce(st.shard, su.shard), -1)::int AS shard,
           coalesce(st.balance, 0)::bigint AS stored, coalesce(su.total, 0)::bigint AS summed
      FROM stored st
      FULL JOIN summed su ON su."accountId" = st."accountId" AND su.shard = st.shard
      JOIN ledger_account a ON a.id = coalesce(st."accountId", su."accountId")
     WHERE coalesce(st.balance, 0) <> coalesce(su.total, 0)
     ORDER BY a.id, 5 NULLS FIRST`;
  return rows.map((row) => ({
    accountId: row.id,
    kind: row.kind,
    owner: row.owner,
    currency: row.currency,
    shard: row.shard === null ? null : Number(row.shard),
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
