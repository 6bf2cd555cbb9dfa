import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { defaultMigrationsDir } from "../paths.ts";
import { createTestDatabase } from "../testing/index.ts";
import { applyMigrations } from "./index.ts";

const reportIndexes = "20261205090959_report_indexes";

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

test("report_indexes stamps the entries already posted with their transaction's time and kind, then every new one, and the ledger stays append-only", async () => {
  const db = await createTestDatabase({ migrated: false });
  await applyMigrations({
    databaseUrl: db.url,
    migrationsDir: await migrationsBefore(reportIndexes),
  });
  await db.prisma.$executeRawUnsafe(`
    INSERT INTO ledger_account (id, kind, owner, currency) VALUES
      ('w', 'USER_WALLET', 'u', 'EUR'), ('c', 'GATEWAY_CLEARING', 'sandbox', 'EUR')`);
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe(`
      INSERT INTO ledger_transaction (id, kind, "idempotencyKey", "createdAt") VALUES
        ('t1', 'TOP_UP', 't1', '2026-01-31 23:30:00'), ('t2', 'ADJUSTMENT', 't2', '2026-02-01 00:10:00')`),
    db.prisma.$executeRawUnsafe(`
      INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor") VALUES
        ('e1', 't1', 'w', 'EUR', 1000), ('e2', 't1', 'c', 'EUR', -1000),
        ('e3', 't2', 'w', 'EUR', -200), ('e4', 't2', 'c', 'EUR', 200)`),
  ]);

  expect(await applyMigrations({ databaseUrl: db.url })).toContain(reportIndexes);
  await db.prisma.$transaction([
    db.prisma.$executeRawUnsafe(
      `INSERT INTO ledger_transaction (id, kind, "idempotencyKey", "createdAt") VALUES ('t3', 'RESERVE', 't3', '2026-03-05 12:00:00')`,
    ),
    db.prisma.$executeRawUnsafe(`
      INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor") VALUES
        ('e5', 't3', 'w', 'EUR', -100), ('e6', 't3', 'c', 'EUR', 100)`),
  ]);
  const stamps = await db.prisma.$queryRawUnsafe<{ id: string; posted: string; kind: string }[]>(
    `SELECT id, to_char("postedAt", 'YYYY-MM-DD HH24:MI') AS posted, "transactionKind"::text AS kind
       FROM ledger_entry ORDER BY id`,
  );
  expect(stamps).toEqual([
    { id: "e1", posted: "2026-01-31 23:30", kind: "TOP_UP" },
    { id: "e2", posted: "2026-01-31 23:30", kind: "TOP_UP" },
    { id: "e3", posted: "2026-02-01 00:10", kind: "ADJUSTMENT" },
    { id: "e4", posted: "2026-02-01 00:10", kind: "ADJUSTMENT" },
    { id: "e5", posted: "2026-03-05 12:00", kind: "RESERVE" },
    { id: "e6", posted: "2026-03-05 12:00", kind: "RESERVE" },
  ]);
  // The backfill lifted the append-only guard for itself only.
  await expect(
    db.prisma.$executeRawUnsafe(`UPDATE ledger_entry SET "postedAt" = now() WHERE id = 'e1'`),
  ).rejects.toThrow(/append-only/);
});
