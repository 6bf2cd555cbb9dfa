import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { createTestDatabase, runNode } from "../testing/index.ts";
import { assertOnlyDemoUsers } from "./guard.ts";
import { existingScaleMentors, scaleCounts, seedDemoData, seedScale } from "./index.ts";

test("--scale must be a whole number from 1", () => {
  expect(() => scaleCounts(0)).toThrow(RangeError);
  expect(() => scaleCounts(1.5)).toThrow(RangeError);
  expect(scaleCounts(2)).toEqual({ mentors: 200, mentees: 400, bookings: 20_000 });
});

// Scale 1 is the smallest the CLI takes: 100 mentors, 10,000 bookings (a few seconds).
test("a scale seed is consistent: counts, balanced ledger, gapless invoices, payouts of what was released", async () => {
  const { prisma } = await createTestDatabase();
  await seedDemoData(prisma);
  const steps: string[] = [];
  const counts = await seedScale(prisma, 1, (step, done, total) => {
    expect(done).toBeLessThanOrEqual(total);
    steps.push(`${done}/${total} ${step}`);
  });
  expect(counts).toEqual({ mentors: 100, mentees: 200, bookings: 10_000 });
  expect(steps.at(-1)).toMatch(/^(\d+)\/\1 /);
  expect(await existingScaleMentors(prisma)).toBe(100);
  // The demo seed still runs on top: scale users are not "real" users.
  await expect(assertOnlyDemoUsers(prisma)).resolves.toBeUndefined();

  const scaleMentors = { role: "MENTOR" as const, email: { endsWith: "@scale.mentora.test" } };
  expect(
    await prisma.mentorProfile.count({ where: { status: "APPROVED", user: scaleMentors } }),
  ).toBe(100);
  expect(await prisma.offering.count({ where: { mentor: scaleMentors } })).toBe(300);
  expect(await prisma.availabilityRule.count({ where: { mentor: scaleMentors } })).toBe(1_000);
  const bookings = { id: { startsWith: "scale-" } };
  expect(await prisma.booking.count({ where: bookings })).toBe(10_000);
  expect(await prisma.payment.count({ where: { status: "SUCCEEDED", booking: bookings } })).toBe(
    10_000,
  );

  // Past sessions completed, future ones scheduled and confirmed; a booking's price is its payment's.
  const [mismatch] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM booking b
    JOIN mentoring_session s ON s.id = b."sessionId" JOIN payment p ON p."bookingId" = b.id
    WHERE b.id LIKE 'scale-%' AND (p."amountMinor" <> b."priceMinor"
      OR (s."startsAt" < now()) <> (b.status = 'COMPLETED' AND s.status = 'COMPLETED')
      OR (s."startsAt" >= now()) <> (b.status = 'CONFIRMED' AND s.status = 'SCHEDULED'))`;
  expect(mismatch?.n).toBe(0n);

  // Every transaction sums to zero; the scale's postings too (the demo history has its own).
  const unbalanced = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "transactionId" AS id FROM ledger_entry GROUP BY "transactionId" HAVING sum("amountMinor") <> 0`;
  expect(unbalanced).toEqual([]);
  const byKind = await prisma.$queryRaw<{ kind: string; balance: bigint }[]>`
    SELECT a.kind::text AS kind, sum(e."amountMinor")::bigint AS balance
    FROM ledger_entry e JOIN ledger_account a ON a.id = e."accountId"
    WHERE e."transactionId" LIKE 'scale-%' GROUP BY a.kind ORDER BY a.kind`;
  const balance = Object.fromEntries(byKind.map((row) => [row.kind, row.balance]));
  const [paid] = await prisma.$queryRaw<{ total: bigint; fees: bigint; future_net: bigint }[]>`
    SELECT sum(p."amountMinor")::bigint AS total,
           sum((p."amountMinor"::bigint * 1500 + 5000) / 10000)::bigint AS fees,
           sum(CASE WHEN s."startsAt" >= now() THEN p."amountMinor" - (p."amountMinor"::bigint * 1500 + 5000) / 10000 ELSE 0 END)::bigint AS future_net
    FROM payment p JOIN booking b ON b.id = p."bookingId" JOIN mentoring_session s ON s.id = b."sessionId"
    WHERE p.id LIKE 'scale-%'`;
  const [payouts] = await prisma.$queryRaw<{ n: bigint; total: bigint }[]>`
    SELECT count(*) AS n, sum("amountMinor")::bigint AS total FROM payout WHERE status = 'PAID' AND id LIKE 'scale-%'`;
  expect(payouts?.n).toBe(100n);
  expect(balance).toEqual({
    // What came in through the gateway, less what went out to the mentors.
    GATEWAY_CLEARING: -(paid?.total ?? 0n) + (payouts?.total ?? 0n),
    PLATFORM_FEES: paid?.fees,
    // Only the future sessions' earnings are still pending; everything released was paid out.
    MENTOR_PENDING: paid?.future_net,
    MENTOR_AVAILABLE: 0n,
    MENTOR_PAYOUT_RESERVED: 0n,
  });

  // Invoices: one per payment, numbered without gaps per year, counters at the last number.
  expect(await prisma.invoice.count({ where: { payment: { id: { startsWith: "scale-" } } } })).toBe(
    10_000,
  );
  const gaps = await prisma.$queryRaw<{ year: number; n: bigint; last: number; counter: number }[]>`
    SELECT i.year, count(*) AS n, max(i.sequence) AS last, c.last AS counter
    FROM invoice i JOIN invoice_counter c ON c.series = i.series AND c.year = i.year
    WHERE i.series = 'F' GROUP BY i.year, c.last`;
  expect(gaps.length).toBeGreaterThan(0);
  for (const year of gaps) {
    expect(Number(year.n)).toBe(year.last);
    expect(year.counter).toBe(year.last);
  }
});

const seedCli = fileURLToPath(new URL("../cli/seed.ts", import.meta.url));
const seedCommand = (url: string, ...args: string[]) =>
  runNode([seedCli, ...args], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "development" },
  });

test("pnpm db:seed --scale 1 seeds once with a progress bar, then finds it seeded; bad scales are refused", async () => {
  const database = await createTestDatabase();
  const refused = await seedCommand(database.url, "--scale", "0");
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("--scale expects a whole number from 1 to 1000");
  expect(await database.prisma.user.count()).toBe(0);

  const first = await seedCommand(database.url, "--scale", "1");
  expect(first.code, first.stderr).toBe(0);
  // Not a terminal here: one line per step, the last one full.
  expect(first.stderr).toMatch(/\[#+\.*\] +\d+% users/);
  expect(first.stderr).toMatch(/\[#{30}\] 100% analyze/);
  expect(first.stdout).toContain("Seeded scale 1: 100 mentors, 200 mentees, 10000 bookings");

  const again = await seedCommand(database.url, "--scale", "1");
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toContain("Already seeded at scale 1");
  const other = await seedCommand(database.url, "--scale", "2");
  expect(other.code).toBe(1);
  expect(other.stderr).toContain("seeded at another scale (100 scale mentors)");
  expect(await database.prisma.booking.count({ where: { id: { startsWith: "scale-" } } })).toBe(
    10_000,
  );
  await database.drop();
});
