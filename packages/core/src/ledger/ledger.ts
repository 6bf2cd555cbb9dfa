import { randomInt, randomUUID } from "node:crypto";
import type { Db, Prisma } from "@mentora/db";
import { AppError } from "../errors/index.ts";
import { isSupportedCurrency } from "../offerings/index.ts";

/**
 * The double-entry ledger. Every money movement is one transaction whose entries sum to zero
 * per currency; an account's balance is the sum of its entries, kept on its row by a trigger
 * (decision 028), for house accounts on the row plus balance shards (decision 060). Accounts
 * people or the platform hold carry positive balances; a gateway's clearing account is their
 * counterpart (negative as money comes in). The database checks the balance at commit too
 * (deferred constraint trigger).
 */

export type LedgerAccountKind =
  | "USER_WALLET"
  | "USER_WALLET_RESERVED"
  | "GATEWAY_CLEARING"
  | "MENTOR_PENDING"
  | "MENTOR_AVAILABLE"
  | "PLATFORM_FEES"
  | "REFUNDS_PAYABLE"
  | "MENTOR_PAYOUT_RESERVED"
  | "MENTOR_RECEIVABLE"
  | "MENTOR_FROZEN";

export type LedgerTransactionKind =
  | "TOP_UP"
  | "RESERVE"
  | "RELEASE"
  | "PAYMENT"
  | "REFUND"
  | "REFUND_PAID"
  | "EARNINGS_RELEASE"
  | "PAYOUT"
  | "ADJUSTMENT"
  | "PAYOUT_RESERVE"
  | "PAYOUT_RELEASE"
  | "DISPUTE_FREEZE"
  | "DISPUTE_UNFREEZE"
  | "DISPUTE_LOSS";

/** Which account: a user's or mentor's (by user id), a gateway's (by gateway id), the platform's. */
export type AccountRef =
  | {
      kind:
        | "USER_WALLET"
        | "USER_WALLET_RESERVED"
        | "MENTOR_PENDING"
        | "MENTOR_AVAILABLE"
        | "MENTOR_PAYOUT_RESERVED"
        | "MENTOR_RECEIVABLE"
        | "MENTOR_FROZEN";
      userId: string;
      currency: string;
    }
  | {
      kind: "GATEWAY_CLEARING" | "REFUNDS_PAYABLE";
      gatewayId: string;
      currency: string;
    }
  | { kind: "PLATFORM_FEES"; currency: string };

export const accounts = {
  wallet: (userId: string, currency: string): AccountRef => ({
    kind: "USER_WALLET",
    userId,
    currency,
  }),
  reserved: (userId: string, currency: string): AccountRef => ({
    kind: "USER_WALLET_RESERVED",
    userId,
    currency,
  }),
  mentorPending: (userId: string, currency: string): AccountRef => ({
    kind: "MENTOR_PENDING",
    userId,
    currency,
  }),
  mentorAvailable: (userId: string, currency: string): AccountRef => ({
    kind: "MENTOR_AVAILABLE",
    userId,
    currency,
  }),
  clearing: (gatewayId: string, currency: string): AccountRef => ({
    kind: "GATEWAY_CLEARING",
    gatewayId,
    currency,
  }),
  refundsPayable: (gatewayId: string, currency: string): AccountRef => ({
    kind: "REFUNDS_PAYABLE",
    gatewayId,
    currency,
  }),
  platformFees: (currency: string): AccountRef => ({ kind: "PLATFORM_FEES", currency }),
  mentorPayoutReserved: (userId: string, currency: string): AccountRef => ({
    kind: "MENTOR_PAYOUT_RESERVED",
    userId,
    currency,
  }),
  /** What the mentor owes (refunds and lost disputes after release): zero or negative. */
  mentorReceivable: (userId: string, currency: string): AccountRef => ({
    kind: "MENTOR_RECEIVABLE",
    userId,
    currency,
  }),
  /** The mentor's share of disputed payments, out of reach of payouts until the dispute closes. */
  mentorFrozen: (userId: string, currency: string): AccountRef => ({
    kind: "MENTOR_FROZEN",
    userId,
    currency,
  }),
};

/** Accounts that may never be overdrawn: a debit locks the row and checks the balance first. */
const nonNegativeKinds: ReadonlySet<LedgerAccountKind> = new Set([
  "USER_WALLET",
  "USER_WALLET_RESERVED",
  "MENTOR_PENDING",
  "MENTOR_AVAILABLE",
  "MENTOR_PAYOUT_RESERVED",
  "MENTOR_FROZEN",
]);

/**
 * House accounts: many postings share them (a gateway's, the platform's). Their balances are
 * sharded (decision 060), and none may be checked non-negative (a posting sees one shard only).
 */
const houseKinds: ReadonlySet<LedgerAccountKind> = new Set([
  "GATEWAY_CLEARING",
  "REFUNDS_PAYABLE",
  "PLATFORM_FEES",
]);

function isShared(ref: AccountRef): boolean {
  return houseKinds.has(ref.kind);
}

/** A Prisma client, or the client of an interactive transaction the caller already runs. */
export type LedgerDb = Db | Prisma.TransactionClient;

/** Under a burst of postings, transactions wait for a pooled connection: allow for that. */
export const ledgerTransactionOptions = { maxWait: 15_000, timeout: 20_000 };

/** Runs `fn` in the caller's transaction, or in a new one when given the root client. */
export async function inTransaction<T>(
  db: LedgerDb,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  // A transaction client has $transaction too in Prisma 7 (a nested call would start another
  // transaction on the same connection); only the root client has $disconnect.
  if ("$disconnect" in db) return (db as Db).$transaction(fn, ledgerTransactionOptions);
  return fn(db);
}

export function ownerOf(ref: AccountRef): string {
  if ("userId" in ref) return ref.userId;
  if ("gatewayId" in ref) return ref.gatewayId;
  return "";
}

function assertCurrency(currency: string): void {
  if (!isSupportedCurrency(currency)) throw new AppError("VALIDATION_FAILED", { currency });
}

function assertRef(ref: AccountRef): void {
  assertCurrency(ref.currency);
  if (ref.kind !== "PLATFORM_FEES" && ownerOf(ref) === "") {
    throw new AppError("VALIDATION_FAILED", { account: ref.kind, field: "owner" });
  }
}

/** Gets or creates the account: safe under concurrency (ON CONFLICT DO NOTHING, then read). */
export async function accountFor(
  tx: Prisma.TransactionClient,
  ref: AccountRef,
): Promise<{ id: string; kind: LedgerAccountKind; currency: string }> {
  assertRef(ref);
  const key = { kind: ref.kind, owner: ownerOf(ref), currency: ref.currency };
  const existing = await tx.ledgerAccount.findUnique({ where: { kind_owner_currency: key } });
  if (existing) return existing;
  await tx.ledgerAccount.createMany({ data: [key], skipDuplicates: true });
  return tx.ledgerAccount.findUniqueOrThrow({ where: { kind_owner_currency: key } });
}

function toNumber(value: bigint | number | null | undefined): number {
  const result = Number(value ?? 0);
  if (!Number.isSafeInteger(result))
    throw new Error(`ledger amount ${value} is not a safe integer`);
  return result;
}

/** What the account's entries sum to: the truth the stored balance is checked against. */
export async function summedBalanceOf(db: LedgerDb, accountId: string): Promise<number> {
  const { _sum } = await db.ledgerEntry.aggregate({
    where: { accountId },
    _sum: { amountMinor: true },
  });
  return toNumber(_sum.amountMinor);
}

/**
 * Balance shards per house account (decision 060): a posting takes any shard no other posting
 * holds, so up to this many postings through one house account run side by side. Raising it
 * only widens where new postings go (reads sum every shard there is); lowering it leaves the
 * higher shards in the sum.
 */
export const houseBalanceShards = 32;

/** Balance kept on the row plus its shards, by account id (one query for every id). */
async function houseBalances(
  db: LedgerDb,
  accountIds: readonly string[],
): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; balance: bigint }[]>`
    SELECT a.id, (a."balanceMinor" + coalesce(sum(s."balanceMinor"), 0))::bigint AS balance
      FROM ledger_account a LEFT JOIN ledger_balance_shard s ON s."accountId" = a.id
     WHERE a.id = ANY(${accountIds as string[]}::text[])
     GROUP BY a.id`;
  return new Map(rows.map((row) => [row.id, toNumber(row.balance)]));
}

/**
 * The balance in minor units (0 for an account never used). Does not create the account. One
 * row by key: the balance is kept on the account row (decision 028), not summed from entries;
 * a house account's adds its shards (decision 060, O(shards)).
 */
export async function balanceOf(db: LedgerDb, ref: AccountRef): Promise<number> {
  if (isShared(ref)) {
    const [row] = await db.$queryRaw<{ balance: bigint }[]>`
      SELECT (a."balanceMinor" + coalesce(sum(s."balanceMinor"), 0))::bigint AS balance
        FROM ledger_account a LEFT JOIN ledger_balance_shard s ON s."accountId" = a.id
       WHERE a.kind = ${ref.kind}::"LedgerAccountKind" AND a.owner = ${ownerOf(ref)}
         AND a.currency = ${ref.currency}
       GROUP BY a.id`;
    return toNumber(row?.balance);
  }
  const account = await db.ledgerAccount.findUnique({
    where: { kind_owner_currency: { kind: ref.kind, owner: ownerOf(ref), currency: ref.currency } },
    select: { balanceMinor: true },
  });
  return toNumber(account?.balanceMinor);
}

/** Balances of several accounts, in the order given. */
export async function balancesOf(db: LedgerDb, refs: readonly AccountRef[]): Promise<number[]> {
  if (refs.length === 0) return [];
  const rows = await db.ledgerAccount.findMany({
    where: {
      OR: refs.map((ref) => ({ kind: ref.kind, owner: ownerOf(ref), currency: ref.currency })),
    },
    select: { id: true, kind: true, owner: true, currency: true, balanceMinor: true },
  });
  const key = (kind: string, owner: string, currency: string) =>
    `${kind}\u0000${owner}\u0000${currency}`;
  const byKey = new Map(rows.map((row) => [key(row.kind, row.owner, row.currency), row]));
  const house = await houseBalances(
    db,
    rows.filter((row) => houseKinds.has(row.kind)).map((row) => row.id),
  );
  return refs.map((ref) => {
    const row = byKey.get(key(ref.kind, ownerOf(ref), ref.currency));
    if (!row) return 0;
    return house.get(row.id) ?? toNumber(row.balanceMinor);
  });
}

export interface LedgerEntryInput {
  account: AccountRef;
  /** Signed integer minor units of the account's currency: + credits, − debits. Never 0. */
  amountMinor: number;
}

export interface PostTransactionInput {
  kind: LedgerTransactionKind;
  /** Posting twice with one key posts once: e.g. `payment:<id>:settle`. */
  idempotencyKey: string;
  entries: readonly LedgerEntryInput[];
  references?: { paymentId?: string; bookingId?: string };
}

export interface PostedTransaction {
  id: string;
  kind: LedgerTransactionKind;
  idempotencyKey: string;
  /** false: the key had been posted before; nothing was posted now. */
  created: boolean;
}

/** The checks the service makes before touching the database; exported for unit tests. */
export function validateEntries(entries: readonly LedgerEntryInput[]): void {
  if (entries.length < 2) throw new AppError("VALIDATION_FAILED", { field: "entries" });
  const sums = new Map<string, number>();
  for (const { account, amountMinor } of entries) {
    assertRef(account);
    if (!Number.isSafeInteger(amountMinor) || amountMinor === 0) {
      throw new AppError("VALIDATION_FAILED", { field: "amountMinor", amountMinor });
    }
    sums.set(account.currency, (sums.get(account.currency) ?? 0) + amountMinor);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) throw new AppError("VALIDATION_FAILED", { field: "entries", currency, sum });
  }
}

/**
 * Posts one balanced transaction, or returns the one already posted under its idempotency key.
 * Every person's account it moves is locked (FOR UPDATE), then one balance shard of each house
 * account (decision 060), in a fixed order so concurrent postings cannot deadlock; debits of
 * wallets, reservations and mentor earnings refuse with INSUFFICIENT_BALANCE if the balance would
 * go negative. The balances on the rows and shards move with the entries' insert.
 */
export async function postTransaction(
  db: LedgerDb,
  input: PostTransactionInput,
): Promise<PostedTransaction> {
  validateEntries(input.entries);
  if (!input.idempotencyKey) throw new AppError("VALIDATION_FAILED", { field: "idempotencyKey" });
  return inTransaction(db, async (tx) => {
    const id = randomUUID();
    // ON CONFLICT DO NOTHING: a concurrent posting of the same key waits for the first to commit.
    const { count } = await tx.ledgerTransaction.createMany({
      data: [
        {
          id,
          kind: input.kind,
          idempotencyKey: input.idempotencyKey,
          paymentId: input.references?.paymentId,
          bookingId: input.references?.bookingId,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) {
      const first = await tx.ledgerTransaction.findUniqueOrThrow({
        where: { idempotencyKey: input.idempotencyKey },
      });
      if (first.kind !== input.kind) {
        throw new AppError("CONFLICT", { idempotencyKey: input.idempotencyKey });
      }
      return {
        id: first.id,
        kind: first.kind,
        idempotencyKey: first.idempotencyKey,
        created: false,
      };
    }

    // Accounts are created (first use) in one global order, so two postings creating the same
    // new accounts cannot wait on each other's inserts in a cycle.
    const sortKey = (ref: AccountRef) => `${ref.kind}\u0000${ownerOf(ref)}\u0000${ref.currency}`;
    const accountIds = new Map<string, string>();
    for (const key of [...new Set(input.entries.map((entry) => sortKey(entry.account)))].sort()) {
      const entry = input.entries.find((candidate) => sortKey(candidate.account) === key);
      if (entry) accountIds.set(key, (await accountFor(tx, entry.account)).id);
    }
    const resolved = input.entries.map((entry) => ({
      ...entry,
      accountId: accountIds.get(sortKey(entry.account)) as string,
    }));
    // Every balance the posting moves is locked before its entries go in: the trigger on
    // ledger_entry then adds them to these rows (decision 028). People's accounts first, their
    // rows FOR UPDATE in id order; then the house accounts (gateway clearing, platform fees) in
    // id order, one balance shard each (decision 060): any shard no other transaction holds
    // (SKIP LOCKED never waits), else a random one, created if missing, waited for. Every wait
    // follows that one order, so no two postings wait on each other in a cycle, and postings
    // through one house account no longer queue behind each other's callers.
    const net = new Map<string, { ref: AccountRef; amount: number }>();
    for (const { account, accountId, amountMinor } of resolved) {
      const current = net.get(accountId) ?? { ref: account, amount: 0 };
      net.set(accountId, { ref: account, amount: current.amount + amountMinor });
    }
    const byId = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : 1);
    const all = [...net];
    const lockOrder = [
      ...all.filter(([, { ref }]) => !isShared(ref)).sort(byId),
      ...all.filter(([, { ref }]) => isShared(ref)).sort(byId),
    ];
    const shardOf = new Map<string, number>();
    for (const [accountId, { ref, amount }] of lockOrder) {
      if (isShared(ref)) {
        shardOf.set(accountId, await lockHouseShard(tx, accountId));
        continue;
      }
      const [row] = await tx.$queryRaw<{ balanceMinor: bigint }[]>`
        SELECT "balanceMinor" FROM ledger_account WHERE id = ${accountId} FOR UPDATE`;
      const balance = toNumber(row?.balanceMinor);
      // Accounts people hold may never be overdrawn.
      if (amount < 0 && nonNegativeKinds.has(ref.kind) && balance + amount < 0) {
        throw new AppError("INSUFFICIENT_BALANCE", {
          account: ref.kind,
          currency: ref.currency,
          balanceMinor: balance,
          requiredMinor: -amount,
        });
      }
    }
    await tx.ledgerEntry.createMany({
      data: resolved.map(({ account, accountId, amountMinor }) => ({
        transactionId: id,
        accountId,
        currency: account.currency,
        amountMinor: BigInt(amountMinor),
        shard: shardOf.get(accountId) ?? null,
      })),
    });
    return { id, kind: input.kind, idempotencyKey: input.idempotencyKey, created: true };
  });
}

/** Locks one balance shard of a house account for the caller's transaction; returns its number. */
async function lockHouseShard(tx: Prisma.TransactionClient, accountId: string): Promise<number> {
  const [free] = await tx.$queryRaw<{ shard: number }[]>`
    SELECT shard FROM ledger_balance_shard WHERE "accountId" = ${accountId}
     ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED`;
  if (free) return Number(free.shard);
  // Every shard there is is held by another transaction: open a new one (how the shards come to
  // exist, as contention asks for them) or, when all exist, wait for a random one. The no-op
  // update takes the row's lock either way.
  const existing = await tx.$queryRaw<{ shard: number }[]>`
    SELECT shard FROM ledger_balance_shard WHERE "accountId" = ${accountId}`;
  const taken = new Set(existing.map((row) => Number(row.shard)));
  const missing = Array.from({ length: houseBalanceShards }, (_, n) => n).filter(
    (n) => !taken.has(n),
  );
  const shard =
    missing.length > 0
      ? (missing[randomInt(missing.length)] as number)
      : randomInt(houseBalanceShards);
  await tx.$executeRaw`
    INSERT INTO ledger_balance_shard ("accountId", shard) VALUES (${accountId}, ${shard})
    ON CONFLICT ("accountId", shard) DO UPDATE SET "balanceMinor" = ledger_balance_shard."balanceMinor"`;
  return shard;
}
