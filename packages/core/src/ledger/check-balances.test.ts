import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { jobQueues } from "../app/job-queues.ts";
import { createUser } from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { checkBalancesJob } from "./check-balances.job.ts";
import { findBalanceMismatches, findEntryStampMismatches } from "./check-balances.ts";
import { accounts, balanceOf, balancesOf, postTransaction, summedBalanceOf } from "./ledger.ts";
import { seedWalletHistory } from "./testing/seed-ledger.ts";
import { reserveWallet, topUpWallet } from "./wallet.ts";

let app: App;
let adminEmail: string;
beforeAll(async () => {
  app = await createTestApp();
  const admin = await createUser(app, "Ada Admin");
  await app.prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  adminEmail = admin.email;
});
afterAll(async () => {
  await app?.close();
});

const alertsMailed = () =>
  app.prisma.$queryRaw<{ to: string; text: string }[]>`
    SELECT data->>'to' AS to, data->>'text' AS text FROM pgboss.job
    WHERE name = 'email.send' AND data->>'subject' LIKE '%ledger balances%'`;

describe("stored ledger balances (decision 028)", () => {
  it("move with every posting, and with entries inserted in bulk around postTransaction", async () => {
    const userId = randomUUID();
    await topUpWallet(app.prisma, {
      userId,
      gatewayId: "sandbox",
      currency: "EUR",
      amountMinor: 5_000,
      idempotencyKey: `t:${userId}`,
    });
    await reserveWallet(app.prisma, {
      userId,
      currency: "EUR",
      amountMinor: 1_200,
      idempotencyKey: `r:${userId}`,
    });
    const refs = [accounts.wallet(userId, "EUR"), accounts.reserved(userId, "EUR")];
    expect(await balancesOf(app.prisma, refs)).toEqual([3_800, 1_200]);
    expect(await balancesOf(app.prisma, [...refs].reverse())).toEqual([1_200, 3_800]);
    expect(await balanceOf(app.prisma, accounts.wallet(randomUUID(), "EUR"))).toBe(0);

    // A seeder's plain INSERTs (several transactions in one statement) keep the balance too.
    const seeded = await seedWalletHistory(app.prisma, 250);
    const seededWallet = accounts.wallet(seeded.userId, "EUR");
    expect(await balanceOf(app.prisma, seededWallet)).toBe(seeded.balanceMinor);
    expect(await summedBalanceOf(app.prisma, seeded.accountId)).toBe(seeded.balanceMinor);
    expect(await findBalanceMismatches(app.prisma)).toEqual([]);
  });

  it("a refused posting leaves every balance as it was", async () => {
    const userId = randomUUID();
    await topUpWallet(app.prisma, {
      userId,
      gatewayId: "sandbox",
      currency: "TND",
      amountMinor: 10_000,
      idempotencyKey: `t:${userId}`,
    });
    const before = await balanceOf(app.prisma, accounts.clearing("sandbox", "TND"));
    await expect(
      postTransaction(app.prisma, {
        kind: "ADJUSTMENT",
        idempotencyKey: `x:${userId}`,
        entries: [
          { account: accounts.wallet(userId, "TND"), amountMinor: -10_001 },
          { account: accounts.clearing("sandbox", "TND"), amountMinor: 10_001 },
        ],
      }),
    ).rejects.toMatchObject({ code: "INSUFFICIENT_BALANCE" });
    expect(await balanceOf(app.prisma, accounts.wallet(userId, "TND"))).toBe(10_000);
    expect(await balanceOf(app.prisma, accounts.clearing("sandbox", "TND"))).toBe(before);
  });

  it("the nightly check finds a balance broken on purpose and alerts every admin", async () => {
    expect(jobQueues.map((queue) => queue.name)).toContain("ledger.check-balances");
    expect(checkBalancesJob.schedule?.cron).toBeTruthy();
    const services = app;
    await checkBalancesJob.handle({}, services, { jobId: randomUUID() });
    expect(await alertsMailed()).toEqual([]);

    const userId = randomUUID();
    await topUpWallet(app.prisma, {
      userId,
      gatewayId: "sandbox",
      currency: "EUR",
      amountMinor: 700,
      idempotencyKey: `t:${userId}`,
    });
    const wallet = await app.prisma.ledgerAccount.findUniqueOrThrow({
      where: { kind_owner_currency: { kind: "USER_WALLET", owner: userId, currency: "EUR" } },
    });
    // Written around the ledger, as a hand-made UPDATE or a bad restore would.
    await app.prisma.$executeRaw`
      UPDATE ledger_account SET "balanceMinor" = "balanceMinor" + 1 WHERE id = ${wallet.id}`;

    expect(await findBalanceMismatches(app.prisma)).toEqual([
      {
        accountId: wallet.id,
        kind: "USER_WALLET",
        owner: userId,
        currency: "EUR",
        storedMinor: 701,
        summedMinor: 700,
      },
    ]);
    await checkBalancesJob.handle({}, services, { jobId: randomUUID() });
    const mails = await alertsMailed();
    expect(mails.map((mail) => mail.to)).toEqual([adminEmail]);
    expect(mails[0]?.text).toContain(wallet.id);
    expect(mails[0]?.text).toContain("stored 701, entries sum to 700");
  });
});

describe("entries carry their transaction's time and kind (decision 056)", () => {
  const stampsOf = (transactionIds: string[]) =>
    app.prisma.$queryRaw<{ same: boolean }[]>`
      SELECT e."postedAt" = t."createdAt" AND e."transactionKind" = t.kind AS same
        FROM ledger_entry e JOIN ledger_transaction t ON t.id = e."transactionId"
       WHERE t.id = ANY(${transactionIds})`;
  const stampAlerts = () =>
    app.prisma.$queryRaw<{ text: string }[]>`
      SELECT data->>'text' AS text FROM pgboss.job
      WHERE name = 'email.send' AND data->>'subject' LIKE '%ledger entries differ%'`;

  it("are stamped on every insert, checked nightly, and a stamp broken on purpose is reported", async () => {
    const userId = randomUUID();
    const { id: transactionId } = await topUpWallet(app.prisma, {
      userId,
      gatewayId: "sandbox",
      currency: "EUR",
      amountMinor: 900,
      idempotencyKey: `t:${userId}`,
    });
    const seeded = await seedWalletHistory(app.prisma, 40);
    const seededTransactions = (
      await app.prisma.ledgerEntry.findMany({
        where: { accountId: seeded.accountId },
        select: { transactionId: true },
      })
    ).map((row) => row.transactionId);
    const stamps = await stampsOf([transactionId, ...seededTransactions]);
    expect(stamps.length).toBeGreaterThan(40);
    expect(stamps.every((row) => row.same)).toBe(true);
    expect(await findEntryStampMismatches(app.prisma)).toEqual([]);
    await checkBalancesJob.handle({}, app, { jobId: randomUUID() });
    expect(await stampAlerts()).toEqual([]);

    // Rewritten around the ledger's triggers, as a bad restore would.
    const entry = await app.prisma.ledgerEntry.findFirstOrThrow({ where: { transactionId } });
    const client = await app.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL session_replication_role = replica");
      await client.query(
        `UPDATE ledger_entry SET "postedAt" = "postedAt" - interval '40 days' WHERE id = $1`,
        [entry.id],
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    expect(await findEntryStampMismatches(app.prisma)).toEqual([
      { entryId: entry.id, transactionId },
    ]);
    await checkBalancesJob.handle({}, app, { jobId: randomUUID() });
    const alerts = await stampAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.text).toContain(entry.id);
  });
});
