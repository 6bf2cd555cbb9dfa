import { expect, test } from "vitest";
import { createTestDatabase } from "../testing/index.ts";
import { reviewTexts } from "./demoReviewTexts.ts";
import { featuredDemoUsers, seedDemoData } from "./index.ts";

test("the demo history is consistent: attended, paid, balanced, numbered without gaps, rated", async () => {
  const { prisma } = await createTestDatabase();
  await seedDemoData(prisma);
  const counts = async () => ({
    bookings: await prisma.booking.count(),
    invoices: await prisma.invoice.count(),
    entries: await prisma.ledgerEntry.count(),
    reviews: await prisma.review.count(),
    payouts: await prisma.payout.count(),
  });
  const first = await counts();
  // Idempotent: a second seed (every `pnpm dev` start) adds nothing.
  await seedDemoData(prisma);
  expect(await counts()).toEqual(first);
  expect(first.bookings).toBeGreaterThan(80);
  expect(first.reviews).toBeGreaterThan(50);
  expect(first.payouts).toBeGreaterThan(0);

  // The five featured accounts have no history.
  const featured = await prisma.user.findMany({
    where: { email: { in: featuredDemoUsers.map((user) => user.email) } },
    select: { id: true },
  });
  const featuredIds = featured.map((user) => user.id);
  expect(
    await prisma.booking.count({
      where: {
        OR: [{ menteeId: { in: featuredIds } }, { session: { mentorId: { in: featuredIds } } }],
      },
    }),
  ).toBe(0);

  // Every booking was attended (the attendance record decides reviews) and completed.
  const bookings = await prisma.booking.findMany({
    include: { session: { include: { videoRoom: true, connections: true } } },
  });
  for (const booking of bookings) {
    expect(booking.status).toBe("COMPLETED");
    expect(booking.session.endsAt.getTime()).toBeLessThan(Date.now());
    expect(booking.session.videoRoom?.verdict).toBe("ATTENDED");
    expect(booking.session.connections.map((c) => c.userId).sort()).toEqual(
      [booking.menteeId, booking.session.mentorId].sort(),
    );
  }

  // The ledger balances: every transaction sums to zero, and each account's stored balance is
  // the sum of its entries (the trigger kept it); mentor balances are never negative.
  const unbalanced = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "transactionId" AS id FROM ledger_entry GROUP BY "transactionId", currency
    HAVING sum("amountMinor") <> 0`;
  expect(unbalanced).toEqual([]);
  const drift = await prisma.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM ledger_account a LEFT JOIN ledger_entry e ON e."accountId" = a.id
    GROUP BY a.id HAVING a."balanceMinor" <> coalesce(sum(e."amountMinor"), 0)`;
  expect(drift).toEqual([]);
  expect(
    await prisma.ledgerAccount.count({
      where: {
        kind: { in: ["MENTOR_PENDING", "MENTOR_AVAILABLE", "MENTOR_PAYOUT_RESERVED"] },
        balanceMinor: { lt: 0 },
      },
    }),
  ).toBe(0);

  // Each paid booking has one settled payment and one invoice; numbers are gapless per series
  // and year, in issue order, the counters at the last number.
  const paid = bookings.filter((booking) => booking.priceMinor > 0);
  expect(await prisma.payment.count({ where: { status: "SUCCEEDED" } })).toBe(paid.length);
  const invoices = await prisma.invoice.findMany({
    orderBy: [{ series: "asc" }, { sequence: "asc" }],
  });
  expect(invoices.filter((invoice) => invoice.series === "F")).toHaveLength(paid.length);
  expect(invoices.filter((invoice) => invoice.series === "R")).toHaveLength(first.payouts);
  for (const series of ["F", "R"]) {
    const years = new Set(invoices.filter((i) => i.series === series).map((i) => i.year));
    for (const year of years) {
      const run = invoices.filter((i) => i.series === series && i.year === year);
      expect(run.map((i) => i.sequence)).toEqual(run.map((_, index) => index + 1));
      const dates = run.map((i) => i.issuedAt.getTime());
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      const counter = await prisma.invoiceCounter.findUnique({
        where: { series_year: { series, year } },
      });
      expect(counter?.last).toBe(run.length);
    }
  }
  // (Each document passes @mentora/invoice-pdf's checks and renders: core's
  // invoices/demo-history.test.ts, as this package sits below invoice-pdf.)

  // Payouts were paid from released earnings: reserved back to zero, the clearing credited.
  const payouts = await prisma.payout.findMany();
  for (const payout of payouts) {
    expect(payout.status).toBe("PAID");
    const keys = (
      await prisma.ledgerTransaction.findMany({
        where: { idempotencyKey: { startsWith: `payout:${payout.id}:` } },
      })
    ).map((tx) => tx.idempotencyKey);
    expect(keys.sort()).toEqual([`payout:${payout.id}:paid`, `payout:${payout.id}:reserve:1`]);
  }

  // Reviews: in several languages, some answered, some sessions still open for a review; the
  // stored aggregate equals the visible reviews.
  const reviews = await prisma.review.findMany();
  expect(reviews.some((review) => review.answer)).toBe(true);
  for (const language of ["en", "fr", "es"] as const) {
    const pool = Object.values(reviewTexts[language]).flat();
    expect(reviews.some((review) => pool.includes(review.text ?? ""))).toBe(true);
  }
  expect(reviews.length).toBeLessThan(bookings.length);
  const aggregates = await prisma.$queryRaw<{ userId: string; ok: boolean }[]>`
    SELECT p."userId", p."ratingCount" = coalesce(count(r.id), 0)
             AND p."ratingSum" = coalesce(sum(r.rating), 0) AS ok
    FROM mentor_profile p LEFT JOIN review r ON r."mentorId" = p."userId" AND NOT r.hidden
    GROUP BY p."userId", p."ratingCount", p."ratingSum"`;
  expect(aggregates.every((row) => row.ok)).toBe(true);
  expect(aggregates.length).toBe(40);
});
