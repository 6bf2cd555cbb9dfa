import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import { afterAll, expect, test } from "vitest";
import { accounts, balanceOf } from "./ledger.ts";
import { seedWalletHistory } from "./testing/seed-ledger.ts";

// Reading one account's balance as its history grows (issue #14: 5.6 → 43 ms from 10k → 100k
// entries when it summed every entry), side by side with its floor: the account row by key.
const scale = Number(process.env.BENCH_SCALE ?? 1);
const transactions = 10_000 * scale;

let database: TestDatabase | undefined;
afterAll(async () => {
  await database?.drop();
});

test(`ledger balance read (${transactions.toLocaleString("en")} postings on the account)`, async ({
  bench,
}) => {
  database = await createTestDatabase();
  const prisma = database.prisma;
  const { userId, accountId, balanceMinor } = await seedWalletHistory(prisma, transactions);
  const wallet = accounts.wallet(userId, "EUR");
  expect(await balanceOf(prisma, wallet)).toBe(balanceMinor);
  await bench.compare(
    bench("balanceOf the wallet", async () => {
      await balanceOf(prisma, wallet);
    }),
    bench("floor: the account row by primary key", async () => {
      await prisma.ledgerAccount.findUnique({ where: { id: accountId } });
    }),
  );
});
