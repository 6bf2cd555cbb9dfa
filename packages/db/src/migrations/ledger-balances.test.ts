import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { defaultMigrationsDir } from "../paths.ts";
import { createTestDatabase } from "../testing/index.ts";
import { applyMigrations } from "./index.ts";

const ledgerBalances = "20261205001610_ledger_balances";

/** The committed migrations before `name`, copied to a directory of their own. */
async function migrationsBefore(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "mentora-migrations-"));
  for (const entry of await readdir(defaultMigrationsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name >= name) continue;
    await cp(path.join(defaultMigrationsDir, entry.name), path.join(dir, entry.name), {
      recursive: true,
    });
  }
  return dir;
}

test("ledger_balances backfills each account's balance from its entries, then keeps it on insert", async () => {
  const db = await createTestDatabase({ migrated: false });
  await applyMigrations({
    databaseUrl: db.url,
    migrationsDir: await migrationsBefore(ledgerBalances),
  });
  // A ledger posted before the migration: two top-ups and a reservation.
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO ledger_account (id, kind, owner, currency) VALUES
      ('w', 'USER_WALLET', 'u', 'EUR'), ('r', 'USER_WALLET_RESERVED', 'u', 'EUR'),
      ('c', 'GATEWAY_CLEARING', 'sandbox', 'EUR'), ('idle', 'USER_WALLET', 'v', 'EUR')`);
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe(`
      INSERT INTO ledger_transaction (id, kind, "idempotencyKey") VALUES
        ('t1', 'TOP_UP', 't1'), ('t2', 'TOP_UP', 't2'), ('t3', 'RESERVE', 't3')`),
    db.prisma.$executeRawUnsafe(`
      INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor") VALUES
        ('e1', 't1', 'w', 'EUR', 1000), ('e2', 't1', 'c', 'EUR', -1000),
        ('e3', 't2', 'w', 'EUR', 500), ('e4', 't2', 'c', 'EUR', -500),
        ('e5', 't3', 'w', 'EUR', -300), ('e6', 't3', 'r', 'EUR', 300)`),
  ]);

  expect(await applyMigrations({ databaseUrl: db.url })).toContain(ledgerBalances);
  const balances = async () =>
    Object.fromEntries(
      (
        await db.prisma.$queryRawUnsafe<{ id: string; balance: number }[]>(
          `SELECT id, "balanceMinor"::int AS balance FROM ledger_account ORDER BY id`,
        )
      ).map((row) => [row.id, row.balance]),
    );
  expect(await balances()).toEqual({ c: -1500, idle: 0, r: 300, w: 1200 });

  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe(
      `INSERT INTO ledger_transaction (id, kind, "idempotencyKey") VALUES ('t4', 'RELEASE', 't4')`,
    ),
    db.prisma.$executeRawUnsafe(`
      INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor") VALUES
        ('e7', 't4', 'r', 'EUR', -300), ('e8', 't4', 'w', 'EUR', 300)`),
  ]);
  expect(await balances()).toEqual({ c: -1500, idle: 0, r: 0, w: 1500 });
});
