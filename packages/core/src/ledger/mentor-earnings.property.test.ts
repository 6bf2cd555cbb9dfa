import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBalanceMismatches } from "./check-balances.ts";
import { accounts, balanceOf, ledgerTransactionOptions } from "./ledger.ts";
import {
  earningsReleaseKey,
  freezeDisputedShare,
  planClawback,
  postDisputeLoss,
  releaseBookingShare,
  unfreezeDisputedShare,
} from "./mentor-earnings.ts";
import {
  completePayout,
  platformFee,
  refundToGateway,
  reservePayout,
  settleGatewayPayment,
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

const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("pay" as const),
      currency: fc.constantFrom(...currencies),
      amountMinor: fc.integer({ min: 100, max: 50_000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("complete" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("release" as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("refund" as const),
      pick: fc.nat(),
      percent: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("dispute" as const),
      pick: fc.nat(),
      percent: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("close" as const), pick: fc.nat(), won: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("payout" as const),
      currency: fc.constantFrom(...currencies),
      percent: fc.integer({ min: 1, max: 100 }),
    }),
  },
);

interface Booking {
  id: string;
  currency: Currency;
  amountMinor: number;
  refundedMinor: number;
  completed: boolean;
  /** An open dispute: what it claims and what it froze. */
  dispute?: { amountMinor: number; frozenMinor: number; key: string };
}

describe("mentor earnings (property)", () => {
  it("random pays, completions, releases, refunds, disputes and payouts: no balance goes negative outside the receivable, every release succeeds, the mentor's accounts add up, the books balance", async () => {
    const prisma = database.prisma;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1_000, 1_500, 2_000),
        fc.array(step, { minLength: 4, maxLength: 20 }),
        async (feeBasisPoints, steps) => {
          const run = randomUUID();
          const mentorId = `${run}-mentor`;
          const bookings: Booking[] = [];
          // What the mentor is entitled to (shares minus refunds) and what was paid out.
          const entitled = { EUR: 0, TND: 0 };
          const paidOut = { EUR: 0, TND: 0 };
          let n = 0;

          for (const s of steps) {
            n += 1;
            const key = `${run}:${n}`;
            if (s.op === "pay") {
              const booking: Booking = {
                id: `${run}-b${n}`,
                currency: s.currency,
                amountMinor: s.amountMinor,
                refundedMinor: 0,
                completed: false,
              };
              await settleGatewayPayment(prisma, {
                gatewayId: "stripe",
                mentorId,
                feeBasisPoints,
                currency: s.currency,
                amountMinor: s.amountMinor,
                idempotencyKey: key,
                bookingId: booking.id,
              });
              bookings.push(booking);
              entitled[s.currency] += s.amountMinor - platformFee(s.amountMinor, feeBasisPoints);
            } else if (s.op === "complete" || s.op === "release") {
              const booking = bookings[s.pick % Math.max(bookings.length, 1)];
              if (!booking) continue;
              if (s.op === "complete") booking.completed = true;
              else if (booking.completed) {
                // Never refuses, whatever refunds came before: the release cannot fail.
                await prisma.$transaction(
                  (tx) =>
                    releaseBookingShare(tx, {
                      mentorId,
                      currency: booking.currency,
                      bookingId: booking.id,
                    }),
                  ledgerTransactionOptions,
                );
              }
            } else if (s.op === "dispute") {
              const booking = bookings[s.pick % Math.max(bookings.length, 1)];
              if (!booking || booking.dispute) continue;
              const disputable = booking.amountMinor - booking.refundedMinor;
              const amountMinor = Math.ceil((disputable * s.percent) / 100);
              if (amountMinor <= 0) continue;
              const frozenMinor = await prisma.$transaction(
                (tx) =>
                  freezeDisputedShare(tx, {
                    mentorId,
                    currency: booking.currency,
                    bookingId: booking.id,
                    amountMinor: amountMinor - platformFee(amountMinor, feeBasisPoints),
                    idempotencyKey: `${key}:freeze`,
                  }),
                ledgerTransactionOptions,
              );
              booking.dispute = { amountMinor, frozenMinor, key };
            } else if (s.op === "close") {
              const open = bookings.filter((candidate) => candidate.dispute);
              const booking = open[s.pick % Math.max(open.length, 1)];
              const dispute = booking?.dispute;
              if (!booking || !dispute) continue;
              const common = {
                mentorId,
                currency: booking.currency,
                bookingId: booking.id,
                frozenMinor: dispute.frozenMinor,
              };
              if (s.won) {
                const released =
                  (await prisma.ledgerTransaction.count({
                    where: { idempotencyKey: earningsReleaseKey(booking.id) },
                  })) > 0;
                await prisma.$transaction(
                  (tx) =>
                    unfreezeDisputedShare(tx, {
                      ...common,
                      released,
                      idempotencyKey: `${dispute.key}:won`,
                    }),
                  ledgerTransactionOptions,
                );
              } else {
                const part = Math.min(
                  dispute.amountMinor,
                  booking.amountMinor - booking.refundedMinor,
                );
                const fee =
                  platformFee(booking.refundedMinor + part, feeBasisPoints) -
                  platformFee(booking.refundedMinor, feeBasisPoints);
                await prisma.$transaction(
                  (tx) =>
                    postDisputeLoss(tx, {
                      ...common,
                      gatewayId: "stripe",
                      amountMinor: dispute.amountMinor,
                      mentorPartMinor: part - fee,
                      idempotencyKey: `${dispute.key}:lost`,
                    }),
                  ledgerTransactionOptions,
                );
                booking.refundedMinor += part;
                entitled[booking.currency] -= part - fee;
              }
              booking.dispute = undefined;
            } else if (s.op === "refund") {
              const booking = bookings[s.pick % Math.max(bookings.length, 1)];
              // Refunds are refused while a dispute is open.
              if (!booking || booking.dispute) continue;
              const refundable = booking.amountMinor - booking.refundedMinor;
              const amountMinor = Math.ceil((refundable * s.percent) / 100);
              if (amountMinor <= 0) continue;
              const feeMinor =
                platformFee(booking.refundedMinor + amountMinor, feeBasisPoints) -
                platformFee(booking.refundedMinor, feeBasisPoints);
              await prisma.$transaction(async (tx) => {
                const clawback = await planClawback(tx, {
                  mentorId,
                  currency: booking.currency,
                  bookingId: booking.id,
                  amountMinor: amountMinor - feeMinor,
                });
                await refundToGateway(tx, {
                  gatewayId: "stripe",
                  mentorId,
                  feeBasisPoints,
                  feeMinor,
                  clawback,
                  currency: booking.currency,
                  amountMinor,
                  idempotencyKey: key,
                  bookingId: booking.id,
                });
              }, ledgerTransactionOptions);
              booking.refundedMinor += amountMinor;
              entitled[booking.currency] -= amountMinor - feeMinor;
            } else {
              const available = await balanceOf(
                prisma,
                accounts.mentorAvailable(mentorId, s.currency),
              );
              const amountMinor = Math.floor((available * s.percent) / 100);
              if (amountMinor <= 0) continue;
              const payout = { mentorId, currency: s.currency, amountMinor };
              await reservePayout(prisma, { ...payout, idempotencyKey: `${key}:reserve` });
              await completePayout(prisma, {
                ...payout,
                gatewayId: "stripe",
                idempotencyKey: `${key}:paid`,
              });
              paidOut[s.currency] += amountMinor;
            }

            for (const currency of currencies) {
              const [pending, available, reserved, receivable, frozen] = await Promise.all([
                balanceOf(prisma, accounts.mentorPending(mentorId, currency)),
                balanceOf(prisma, accounts.mentorAvailable(mentorId, currency)),
                balanceOf(prisma, accounts.mentorPayoutReserved(mentorId, currency)),
                balanceOf(prisma, accounts.mentorReceivable(mentorId, currency)),
                balanceOf(prisma, accounts.mentorFrozen(mentorId, currency)),
              ]);
              expect(frozen).toBeGreaterThanOrEqual(0);
              expect(pending).toBeGreaterThanOrEqual(0);
              expect(available).toBeGreaterThanOrEqual(0);
              expect(reserved).toBe(0);
              expect(receivable).toBeLessThanOrEqual(0);
              // Nothing lost, nothing made up: what the mentor holds, took out and owes adds up.
              expect(pending + available + frozen + paidOut[currency] + receivable).toBe(
                entitled[currency],
              );
            }
          }

          // Every stored balance is the sum of its entries (decision 028), refused postings included.
          expect(await findBalanceMismatches(prisma)).toEqual([]);
          // Each booking's share still pending is exactly what was not released or refunded.
          for (const booking of bookings) {
            const pending = await prisma.ledgerEntry.aggregate({
              where: {
                account: { kind: "MENTOR_PENDING", owner: mentorId },
                transaction: { bookingId: booking.id },
              },
              _sum: { amountMinor: true },
            });
            expect(Number(pending._sum.amountMinor ?? 0)).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 40 },
    );

    const unbalanced = await prisma.$queryRaw<unknown[]>`
      SELECT "transactionId", currency FROM ledger_entry
      GROUP BY "transactionId", currency HAVING sum("amountMinor") <> 0`;
    expect(unbalanced).toEqual([]);
    const totals = await prisma.$queryRaw<{ total: bigint }[]>`
      SELECT sum("amountMinor") AS total FROM ledger_entry GROUP BY currency`;
    for (const { total } of totals) expect(Number(total)).toBe(0);
    const negative = await prisma.$queryRaw<unknown[]>`
      SELECT a.id FROM ledger_account a JOIN ledger_entry e ON e."accountId" = a.id
      WHERE a.kind NOT IN ('MENTOR_RECEIVABLE', 'GATEWAY_CLEARING', 'PLATFORM_FEES')
      GROUP BY a.id HAVING sum(e."amountMinor") < 0`;
    expect(negative).toEqual([]);
  });
});
