import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { jobQueues } from "../app/job-queues.ts";
import { createUser } from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { checkBalancesJob } from "./check-balances.job.ts";
import { findBalanceMismatches, findEntryStampMismatches } from "./check-balances.ts";
import {
  accounts,
  balanceOf,
  balancesOf,
  type LedgerEntryInput,
  postTransaction,
  summedBalanceOf,
} from "./ledger.ts";
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

/** Mismatches of the given owners' accounts (an earlier test breaks one on purpose). */
const mismatchesOf = async (...owners: string[]) =>
  (await findBalanceMismatches(app.prisma)).filter((m) => owners.includes(m.owner));

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
        shard: null,
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

  it("a house account's postings go to balance shards: one held open does not hold up another, and the sum stays exact (decision 060)", async () => {
    const gatewayId = `gw-${randomUUID()}`;
    const clearing = accounts.clearing(gatewayId, "EUR");
    const fees = accounts.platformFees("EUR");
    const feesBefore = await balanceOf(app.prisma, fees);
    const topUp = (userId: string, amountMinor: number): LedgerEntryInput[] => [
      { account: accounts.wallet(userId, "EUR"), amountMinor: amountMinor - 10 },
      { account: fees, amountMinor: 10 },
      { account: clearing, amountMinor: -amountMinor },
    ];
    // The accounts exist and have a shard already (creating an account is another matter: a
    // second creator of one key waits for the first's insert to commit).
    await postTransaction(app.prisma, {
      kind: "TOP_UP",
      idempotencyKey: `t:${gatewayId}`,
      entries: topUp(gatewayId, 3_000),
    });
    const first = randomUUID();
    const second = randomUUID();
    // The first posting's caller keeps its transaction open (and its locks held) until the
    // second posting through the same house accounts has committed: with one row per house
    // account the second would wait for the first, which waits for it (this test would hang).
    let secondPosted!: () => void;
    const secondDone = new Promise<void>((resolve) => {
      secondPosted = resolve;
    });
    const firstTx = app.prisma.$transaction(async (tx) => {
      await postTransaction(tx, {
        kind: "TOP_UP",
        idempotencyKey: `t:${first}`,
        entries: topUp(first, 1_000),
      });
      startSecond();
      await secondDone;
    });
    let secondTx: Promise<unknown> = Promise.resolve();
    function startSecond() {
      secondTx = postTransaction(app.prisma, {
        kind: "TOP_UP",
        idempotencyKey: `t:${second}`,
        entries: topUp(second, 2_000),
      }).then(secondPosted);
    }
    await firstTx;
    await secondTx;

    const shards = await app.prisma.ledgerEntry.findMany({
      where: { account: { kind: "GATEWAY_CLEARING", owner: gatewayId } },
      select: { shard: true },
    });
    expect(shards).toHaveLength(3);
    expect(shards.every((entry) => entry.shard !== null)).toBe(true);
    expect(new Set(shards.map((entry) => entry.shard)).size).toBeGreaterThan(1);

    // Then a burst: every balance exact, the house account's row itself never written.
    const users = Array.from({ length: 40 }, () => randomUUID());
    await Promise.all(
      users.map((userId, i) =>
        postTransaction(app.prisma, {
          kind: "TOP_UP",
          idempotencyKey: `t:${userId}`,
          entries: topUp(userId, 100 + i),
        }),
      ),
    );
    const burst = users.reduce((sum, _, i) => sum + 100 + i, 0);
    expect(await balanceOf(app.prisma, clearing)).toBe(-(6_000 + burst));
    expect(await balancesOf(app.prisma, [fees, clearing])).toEqual([
      feesBefore + 10 * (3 + users.length),
      -(6_000 + burst),
    ]);
    expect(
      await balancesOf(
        app.prisma,
        users.map((u) => accounts.wallet(u, "EUR")),
      ),
    ).toEqual(users.map((_, i) => 100 + i - 10));
    const row = await app.prisma.ledgerAccount.findUniqueOrThrow({
      where: {
        kind_owner_currency: { kind: "GATEWAY_CLEARING", owner: gatewayId, currency: "EUR" },
      },
      include: { balanceShards: true },
    });
    expect(row.balanceMinor).toBe(0n);
    expect(row.balanceShards.length).toBeGreaterThan(1);
    expect(await summedBalanceOf(app.prisma, row.id)).toBe(-(6_000 + burst));
    expect(await mismatchesOf(gatewayId, ...users)).toEqual([]);
  });

  it("a house account's balance is its row (entries inserted around postTransaction) plus its shards", async () => {
    const gatewayId = `gw-${randomUUID()}`;
    const userId = randomUUID();
    await topUpWallet(app.prisma, {
      userId,
      gatewayId,
      currency: "EUR",
      amountMinor: 500,
      idempotencyKey: `t:${userId}`,
    });
    const clearing = await app.prisma.ledgerAccount.findUniqueOrThrow({
      where: {
        kind_owner_currency: { kind: "GATEWAY_CLEARING", owner: gatewayId, currency: "EUR" },
      },
    });
    const wallet = await app.prisma.ledgerAccount.findUniqueOrThrow({
      where: { kind_owner_currency: { kind: "USER_WALLET", owner: userId, currency: "EUR" } },
    });
    // A fixture's plain INSERT (no shard) moves the row, as entries posted before decision 060.
    await app.prisma.$transaction([
      app.prisma.$executeRaw`
        INSERT INTO ledger_transaction (id, kind, "idempotencyKey")
        VALUES (${`x:${userId}`}, 'TOP_UP', ${`x:${userId}`})`,
      app.prisma.$executeRaw`
        INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor") VALUES
          (gen_random_uuid()::text, ${`x:${userId}`}, ${wallet.id}, 'EUR', 70),
          (gen_random_uuid()::text, ${`x:${userId}`}, ${clearing.id}, 'EUR', -70)`,
    ]);
    expect(await balanceOf(app.prisma, accounts.clearing(gatewayId, "EUR"))).toBe(-570);
    expect(await balanceOf(app.prisma, accounts.wallet(userId, "EUR"))).toBe(570);
    const { balanceMinor } = await app.prisma.ledgerAccount.findUniqueOrThrow({
      where: { id: clearing.id },
    });
    expect(balanceMinor).toBe(-70n);
    expect(await mismatchesOf(gatewayId, userId)).toEqual([]);
  });

  it("the nightly check finds a corrupted house balance shard and names it", async () => {
    const gatewayId = `gw-${randomUUID()}`;
    const userId = randomUUID();
    await topUpWallet(app.prisma, {
      userId,
      gatewayId,
      currency: "EUR",
      amountMinor: 900,
      idempotencyKey: `t:${userId}`,
    });
    const [shard] = await app.prisma.ledgerBalanceShard.findMany({
      where: { account: { kind: "GATEWAY_CLEARING", owner: gatewayId } },
    });
    if (!shard) throw new Error("the top-up went to no shard");
    expect(shard.balanceMinor).toBe(-900n);
    await app.prisma.$executeRaw`
      UPDATE ledger_balance_shard SET "balanceMinor" = "balanceMinor" - 5
       WHERE "accountId" = ${shard.accountId} AND shard = ${shard.shard}`;

    const mismatches = await findBalanceMismatches(app.prisma);
    expect(mismatches).toContainEqual({
      accountId: shard.accountId,
      kind: "GATEWAY_CLEARING",
      owner: gatewayId,
      currency: "EUR",
      shard: shard.shard,
      storedMinor: -905,
      summedMinor: -900,
    });
    // The account row itself is right: only the shard is named.
    expect(mismatches.filter((m) => m.accountId === shard.accountId)).toHaveLength(1);
    await checkBalancesJob.handle({}, app, { jobId: randomUUID() });
    const texts = (await alertsMailed()).map((mail) => mail.text).join("\n");
    expect(texts).toContain(
      `[${shard.accountId} shard ${shard.shard}]: stored -905, entries sum to -900`,
    );
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
