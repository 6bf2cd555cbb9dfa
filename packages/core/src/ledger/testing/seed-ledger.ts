import { randomUUID } from "node:crypto";
import type { Db } from "@mentora/db";
import { accountFor, accounts } from "../ledger.ts";

/**
 * Bulk-seeds `transactions` balanced top-ups of one user's EUR wallet (from the sandbox clearing
 * account) in plain SQL, for benches that need an account with a long history. Returns the
 * wallet's owner, id and the balance the entries sum to.
 */
export async function seedWalletHistory(
  prisma: Db,
  transactions: number,
): Promise<{ userId: string; accountId: string; balanceMinor: number }> {
  const userId = `bench-${randomUUID()}`;
  const { wallet, clearing } = await prisma.$transaction(async (tx) => ({
    wallet: await accountFor(tx, accounts.wallet(userId, "EUR")),
    clearing: await accountFor(tx, accounts.clearing("sandbox", "EUR")),
  }));
  const batch = 10_000;
  for (let start = 0; start < transactions; start += batch) {
    const count = Math.min(batch, transactions - start);
    // Amounts 1..100 cents; one transaction and its two entries per row of the series.
    await prisma.$executeRaw`
      WITH t AS (
        INSERT INTO ledger_transaction (id, kind, "idempotencyKey")
        SELECT gen_random_uuid()::text, 'TOP_UP', ${userId} || ':' || (${start}::int + n)
        FROM generate_series(1, ${count}::int) AS n
        RETURNING id, "idempotencyKey"
      )
      INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor")
      SELECT gen_random_uuid()::text, t.id, side.account, 'EUR', side.sign * amount.value
      FROM t
      CROSS JOIN LATERAL (SELECT (split_part(t."idempotencyKey", ':', 2)::int % 100 + 1)::bigint AS value) AS amount
      CROSS JOIN LATERAL (VALUES (${wallet.id}, 1), (${clearing.id}, -1)) AS side(account, sign)`;
  }
  // sum over n = 1..transactions of (n % 100 + 1)
  let balanceMinor = 0;
  for (let n = 1; n <= transactions; n += 1) balanceMinor += (n % 100) + 1;
  return { userId, accountId: wallet.id, balanceMinor };
}
