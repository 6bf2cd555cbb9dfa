import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@mentora/db";
import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import { afterAll, expect, test } from "vitest";
import {
  accounts,
  balanceOf,
  balancesOf,
  type LedgerEntryInput,
  postTransaction,
} from "./ledger.ts";

// Concurrent postings to different wallets that all touch one house account (a gateway's
// clearing account), side by side with its floor: the same postings with no house leg (each
// wallet against another account of the same user). Issue #14: the house account was one row
// every posting locked until its caller's transaction ended, so all payments serialized on it.
// Each posting runs in a caller's transaction that goes on briefly after posting (5 ms of the
// caller's own work, as settlement records its events and jobs after the ledger), the time the
// house row's lock was held for.
const postings = 50 * Number(process.env.BENCH_SCALE ?? 1);
const callerWorkAfterPosting = "0.005";

let database: TestDatabase | undefined;
let pool: Pool | undefined;
let prisma: Db | undefined;
afterAll(async () => {
  await prisma?.$disconnect();
  await pool?.end();
  await database?.drop();
});

test(`${postings} concurrent postings through one house account vs none`, {
  timeout: 600_000,
}, async ({ bench }) => {
  database = await createTestDatabase();
  // A pool as wide as a busy worker's (the test database's default is 5).
  pool = createPool(database.url, { max: 20 });
  prisma = createPrismaClient({ pool });
  const db = prisma;
  const users = Array.from({ length: postings }, () => `bench-${randomUUID()}`);
  let round = 0;

  const burst = async (entriesOf: (userId: string) => LedgerEntryInput[]) => {
    round += 1;
    await Promise.all(
      users.map((userId) =>
        db.$transaction(
          async (tx) => {
            await postTransaction(tx, {
              kind: "ADJUSTMENT",
              idempotencyKey: `bench:${round}:${userId}`,
              entries: entriesOf(userId),
            });
            await tx.$executeRawUnsafe(`SELECT pg_sleep(${callerWorkAfterPosting})`);
          },
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
    );
  };
  const throughHouse = (userId: string): LedgerEntryInput[] => [
    { account: accounts.wallet(userId, "EUR"), amountMinor: 100 },
    { account: accounts.clearing("sandbox", "EUR"), amountMinor: -100 },
  ];
  const withoutHouse = (userId: string): LedgerEntryInput[] => [
    { account: accounts.wallet(userId, "EUR"), amountMinor: 100 },
    { account: accounts.mentorReceivable(userId, "EUR"), amountMinor: -100 },
  ];

  // Accounts created once, outside the measure; the balances come out exact.
  await burst(throughHouse);
  await burst(withoutHouse);
  expect(await balanceOf(db, accounts.clearing("sandbox", "EUR"))).toBe(-100 * postings);
  expect(await balancesOf(db, [accounts.wallet(users[0] as string, "EUR")])).toEqual([200]);

  await bench.compare(
    bench("postings with a leg on the house account", async () => {
      await burst(throughHouse);
    }),
    bench("floor: the same postings, no house leg", async () => {
      await burst(withoutHouse);
    }),
    { iterations: process.env.BENCH_QUICK ? 6 : 12, warmupIterations: 2, time: 0 },
  );
});
