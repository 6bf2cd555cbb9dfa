import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodeOf } from "../errors/index.ts";
import { findBalanceMismatches } from "./check-balances.ts";
import { accounts, balanceOf } from "./ledger.ts";
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

const currencies = ["EUR", "TND"] as const;
type Currency = (typeof currencies)[number];
/** Realistic amounts: €1–€500 in cents, 1–1,500 DT in millimes. */
const amount = (currency: Currency) =>
  currency === "EUR"
    ? fc.integer({ min: 100, max: 50_000 })
    : fc.integer({ min: 1_000, max: 1_500_000 });

const step = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("topUp" as const),
      user: fc.nat(1),
      currency: fc.constantFrom(...currencies),
      seed: fc.nat(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("reserve" as const),
      user: fc.nat(1),
      currency: fc.constantFrom(...currencies),
      // Percent of the wallet's balance: above 100 the reservation must be refused.
      percent: fc.integer({ min: 1, max: 130 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("capture" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("release" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("refund" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("replay" as const), pick: fc.nat() }) },
);
const scenario = fc.record({
  feeBasisPoints: fc.constantFrom(0, 1_000, 1_500, 2_000),
  steps: fc.array(step, { minLength: 3, maxLength: 12 }),
  amounts: fc.record({
    EUR: fc.array(amount("EUR"), { minLength: 12, maxLength: 12 }),
    TND: fc.array(amount("TND"), { minLength: 12, maxLength: 12 }),
  }),
});

type Reservation = { user: string; currency: Currency; amountMinor: number; key: string };

describe("ledger (property)", () => {
  it("random top-ups, payments, expiries and refunds keep the books balanced and wallets non-negative", async () => {
    const prisma = database.prisma;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ feeBasisPoints, steps, amounts }) => {
        const run = randomUUID();
        const users = [`${run}-a`, `${run}-b`];
        const mentorId = `${run}-mentor`;
        const model = new Map<string, number>();
        const add = (key: string, delta: number) => model.set(key, (model.get(key) ?? 0) + delta);
        const open: Reservation[] = [];
        const captured: Reservation[] = [];
        const posted: (() => Promise<unknown>)[] = [];
        let n = 0;

        for (const s of steps) {
          n += 1;
          if (s.op === "topUp" || s.op === "reserve") {
            const user = users[s.user] as string;
            const key = `${run}:${n}`;
            if (s.op === "topUp") {
              const amountMinor = amounts[s.currency][s.seed % 12] as number;
              const post = () =>
                topUpWallet(prisma, {
                  userId: user,
                  gatewayId: "sandbox",
                  currency: s.currency,
                  amountMinor,
                  idempotencyKey: key,
                });
              await post();
              posted.push(post);
              add(`wallet:${user}:${s.currency}`, amountMinor);
              continue;
            }
            const available = model.get(`wallet:${user}:${s.currency}`) ?? 0;
            const amountMinor = Math.max(1, Math.floor((available * s.percent) / 100));
            const post = () =>
              reserveWallet(prisma, {
                userId: user,
                currency: s.currency,
                amountMinor,
                idempotencyKey: key,
              });
            if (available < amountMinor) {
              await expect(
                post().catch((error: unknown) => Promise.reject(errorCodeOf(error))),
              ).rejects.toBe("INSUFFICIENT_BALANCE");
              continue;
            }
            await post();
            posted.push(post);
            open.push({ user, currency: s.currency, amountMinor, key });
            add(`wallet:${user}:${s.currency}`, -amountMinor);
            add(`reserved:${user}:${s.currency}`, amountMinor);
            continue;
          }
          if (s.op === "replay") {
            const again = posted[s.pick % Math.max(posted.length, 1)];
            if (again) await again(); // the same key again: posts nothing
            continue;
          }
          const from = s.op === "refund" ? captured : open;
          if (from.length === 0) continue;
          const [r] = from.splice(s.pick % from.length, 1) as [Reservation];
          const fee = platformFee(r.amountMinor, feeBasisPoints);
          const common = { userId: r.user, currency: r.currency, amountMinor: r.amountMinor };
          if (s.op === "capture") {
            const post = () =>
              captureReservation(prisma, {
                ...common,
                mentorId,
                feeBasisPoints,
                idempotencyKey: `${r.key}:capture`,
              });
            await post();
            posted.push(post);
            captured.push(r);
            add(`reserved:${r.user}:${r.currency}`, -r.amountMinor);
            add(`mentor:${r.currency}`, r.amountMinor - fee);
          } else if (s.op === "release") {
            const post = () =>
              releaseReservation(prisma, { ...common, idempotencyKey: `${r.key}:release` });
            await post();
            posted.push(post);
            add(`reserved:${r.user}:${r.currency}`, -r.amountMinor);
            add(`wallet:${r.user}:${r.currency}`, r.amountMinor);
          } else {
            const post = () =>
              refundToWallet(prisma, {
                ...common,
                mentorId,
                feeBasisPoints,
                idempotencyKey: `${r.key}:refund`,
              });
            await post();
            posted.push(post);
            add(`mentor:${r.currency}`, -(r.amountMinor - fee));
            add(`wallet:${r.user}:${r.currency}`, r.amountMinor);
          }
        }

        // Every account of this run holds what the model says, and none is negative.
        for (const currency of currencies) {
          let walletsInModel = 0;
          for (const user of users) {
            const wallet = await balanceOf(prisma, accounts.wallet(user, currency));
            const reserved = await balanceOf(prisma, accounts.reserved(user, currency));
            expect(wallet).toBe(model.get(`wallet:${user}:${currency}`) ?? 0);
            expect(reserved).toBe(model.get(`reserved:${user}:${currency}`) ?? 0);
            expect(wallet).toBeGreaterThanOrEqual(0);
            expect(reserved).toBeGreaterThanOrEqual(0);
            walletsInModel += model.get(`wallet:${user}:${currency}`) ?? 0;
          }
          expect(await balanceOf(prisma, accounts.mentorPending(mentorId, currency))).toBe(
            model.get(`mentor:${currency}`) ?? 0,
          );
          // The sum of this run's wallets, straight from the ledger's entries.
          const [walletSum] = await prisma.$queryRaw<{ total: bigint | null }[]>`
            SELECT sum(e."amountMinor") AS total FROM ledger_entry e
            JOIN ledger_account a ON a.id = e."accountId"
            WHERE a.kind = 'USER_WALLET' AND a.owner LIKE ${`${run}-%`} AND a.currency = ${currency}`;
          expect(Number(walletSum?.total ?? 0)).toBe(walletsInModel);
        }
        // Every stored balance is the sum of its entries (decision 028), refused postings included.
        expect(await findBalanceMismatches(prisma)).toEqual([]);
        // One transaction per key posted (replays added nothing).
        expect(
          await prisma.ledgerTransaction.count({
            where: { idempotencyKey: { startsWith: `${run}:` } },
          }),
        ).toBe(posted.length);
      }),
      { numRuns: 50 },
    );

    // Across every run: each transaction's entries sum to zero per currency, and so does the ledger.
    const unbalanced = await prisma.$queryRaw<unknown[]>`
      SELECT "transactionId", currency FROM ledger_entry
      GROUP BY "transactionId", currency HAVING sum("amountMinor") <> 0`;
    expect(unbalanced).toEqual([]);
    const totals = await prisma.$queryRaw<{ total: bigint }[]>`
      SELECT sum("amountMinor") AS total FROM ledger_entry GROUP BY currency`;
    for (const { total } of totals) expect(Number(total)).toBe(0);
    const negative = await prisma.$queryRaw<unknown[]>`
      SELECT a.id FROM ledger_account a JOIN ledger_entry e ON e."accountId" = a.id
      WHERE a.kind IN ('USER_WALLET', 'USER_WALLET_RESERVED', 'MENTOR_PENDING')
      GROUP BY a.id HAVING sum(e."amountMinor") < 0`;
    expect(negative).toEqual([]);
  });
});
