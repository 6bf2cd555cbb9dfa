import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodeOf } from "../errors/index.ts";
import { accountFor, accounts, balanceOf, balancesOf, postTransaction } from "./ledger.ts";
import {
  captureReservation,
  platformFee,
  refundToWallet,
  releaseReservation,
  reserveWallet,
  topUpWallet,
} from "./wallet.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

describe("ledger", () => {
  it("posts once per idempotency key, even when the same key races", async () => {
    const prisma = database.prisma;
    const userId = randomUUID();
    const input = {
      userId,
      gatewayId: "sandbox",
      currency: "EUR",
      amountMinor: 4_900,
      idempotencyKey: `payment:${userId}:topup`,
    };
    const first = await topUpWallet(prisma, input);
    const again = await topUpWallet(prisma, input);
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    const raced = await Promise.all(
      Array.from({ length: 5 }, () =>
        topUpWallet(prisma, { ...input, idempotencyKey: `k:${userId}` }),
      ),
    );
    expect(raced.filter((posted) => posted.created)).toHaveLength(1);
    expect(new Set(raced.map((posted) => posted.id)).size).toBe(1);
    expect(await balanceOf(prisma, accounts.wallet(userId, "EUR"))).toBe(9_800);
    expect(
      await prisma.ledgerTransaction.count({ where: { idempotencyKey: { contains: userId } } }),
    ).toBe(2);
  });

  it("refuses unbalanced, mixed-currency, fractional and one-sided postings", async () => {
    const prisma = database.prisma;
    const userId = randomUUID();
    const wallet = accounts.wallet(userId, "EUR");
    const post = (entries: Parameters<typeof postTransaction>[1]["entries"]) =>
      codeOf(
        postTransaction(prisma, { kind: "ADJUSTMENT", idempotencyKey: randomUUID(), entries }),
      );
    expect(
      await post([
        { account: wallet, amountMinor: 100 },
        { account: accounts.clearing("sandbox", "TND"), amountMinor: -100 },
      ]),
    ).toBe("VALIDATION_FAILED");
    expect(
      await post([
        { account: wallet, amountMinor: 100 },
        { account: accounts.clearing("sandbox", "EUR"), amountMinor: -99 },
      ]),
    ).toBe("VALIDATION_FAILED");
    expect(
      await post([
        { account: wallet, amountMinor: 0.5 },
        { account: accounts.clearing("sandbox", "EUR"), amountMinor: -0.5 },
      ]),
    ).toBe("VALIDATION_FAILED");
    expect(await post([{ account: wallet, amountMinor: 0 }])).toBe("VALIDATION_FAILED");
    expect(
      await post([
        { account: accounts.wallet(userId, "XXX"), amountMinor: 1 },
        { account: accounts.clearing("sandbox", "XXX"), amountMinor: -1 },
      ]),
    ).toBe("VALIDATION_FAILED");
    expect(await prisma.ledgerAccount.count({ where: { owner: userId } })).toBe(0);
  });

  it("the database itself refuses an unbalanced transaction, a currency mismatch and edits", async () => {
    const { pool, prisma } = database;
    const userId = randomUUID();
    const wallet = await prisma.$transaction((tx) =>
      accountFor(tx, accounts.wallet(userId, "EUR")),
    );
    const clearing = await prisma.$transaction((tx) =>
      accountFor(tx, accounts.clearing("sandbox", "EUR")),
    );
    const insertRaw = async (
      entries: { accountId: string; currency: string; amount: number }[],
    ) => {
      const client = await pool.connect();
      const txId = randomUUID();
      try {
        await client.query("BEGIN");
        await client.query(
          `INSERT INTO ledger_transaction (id, kind, "idempotencyKey") VALUES ($1, 'ADJUSTMENT', $1)`,
          [txId],
        );
        for (const entry of entries) {
          await client.query(
            `INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor")
             VALUES (gen_random_uuid()::text, $1, $2, $3, $4)`,
            [txId, entry.accountId, entry.currency, entry.amount],
          );
        }
        await client.query("COMMIT");
        return "committed";
      } catch (error) {
        await client.query("ROLLBACK");
        return String((error as Error).message);
      } finally {
        client.release();
      }
    };
    // Inserting an unbalanced entry succeeds statement by statement; the commit is refused.
    expect(
      await insertRaw([
        { accountId: wallet.id, currency: "EUR", amount: 500 },
        { accountId: clearing.id, currency: "EUR", amount: -400 },
      ]),
    ).toMatch(/unbalanced.*EUR.*100/);
    expect(await insertRaw([])).toMatch(/at least 2/);
    expect(
      await insertRaw([
        { accountId: wallet.id, currency: "TND", amount: 500 },
        { accountId: clearing.id, currency: "TND", amount: -500 },
      ]),
    ).toMatch(/foreign key/);
    expect(
      await insertRaw([
        { accountId: wallet.id, currency: "EUR", amount: 500 },
        { accountId: clearing.id, currency: "EUR", amount: -500 },
      ]),
    ).toBe("committed");
    await expect(pool.query(`UPDATE ledger_entry SET "amountMinor" = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(pool.query(`DELETE FROM ledger_transaction`)).rejects.toThrow(/append-only/);
    expect(await balanceOf(prisma, accounts.wallet(userId, "EUR"))).toBe(500);
  });

  it("never overdraws a wallet: 20 concurrent reservations of 10 against 100, exactly 10 win", async () => {
    const prisma = database.prisma;
    const userId = randomUUID();
    await topUpWallet(prisma, {
      userId,
      gatewayId: "sandbox",
      currency: "TND",
      amountMinor: 100,
      idempotencyKey: `topup:${userId}`,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        codeOf(
          reserveWallet(prisma, {
            userId,
            currency: "TND",
            amountMinor: 10,
            idempotencyKey: `reserve:${userId}:${index}`,
          }),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "resolved")).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome === "INSUFFICIENT_BALANCE")).toHaveLength(10);
    expect(
      await balancesOf(prisma, [accounts.wallet(userId, "TND"), accounts.reserved(userId, "TND")]),
    ).toEqual([0, 100]);
  });

  it("captures, releases and refunds with the fee in integer basis points", async () => {
    const prisma = database.prisma;
    const userId = randomUUID();
    const mentorId = randomUUID();
    const base = { userId, currency: "TND" };
    await topUpWallet(prisma, {
      ...base,
      gatewayId: "konnect",
      amountMinor: 120_500,
      idempotencyKey: `t:${userId}`,
    });
    await reserveWallet(prisma, { ...base, amountMinor: 100_001, idempotencyKey: `r1:${userId}` });
    await reserveWallet(prisma, { ...base, amountMinor: 20_000, idempotencyKey: `r2:${userId}` });
    await releaseReservation(prisma, {
      ...base,
      amountMinor: 20_000,
      idempotencyKey: `x2:${userId}`,
    });
    const split = { mentorId, feeBasisPoints: 1_250 };
    await captureReservation(prisma, {
      ...base,
      ...split,
      amountMinor: 100_001,
      idempotencyKey: `c1:${userId}`,
    });
    expect(platformFee(100_001, 1_250)).toBe(12_500);
    expect(
      await balancesOf(prisma, [
        accounts.wallet(userId, "TND"),
        accounts.reserved(userId, "TND"),
        accounts.mentorPending(mentorId, "TND"),
      ]),
    ).toEqual([20_499, 0, 87_501]);
    await refundToWallet(prisma, {
      ...base,
      ...split,
      amountMinor: 100_001,
      idempotencyKey: `f1:${userId}`,
    });
    expect(
      await balancesOf(prisma, [
        accounts.wallet(userId, "TND"),
        accounts.mentorPending(mentorId, "TND"),
      ]),
    ).toEqual([120_500, 0]);
    // Nothing left to refund: the mentor's pending earnings never go negative.
    expect(
      await codeOf(
        refundToWallet(prisma, {
          ...base,
          ...split,
          amountMinor: 10,
          idempotencyKey: `f2:${userId}`,
        }),
      ),
    ).toBe("INSUFFICIENT_BALANCE");
  });
});
