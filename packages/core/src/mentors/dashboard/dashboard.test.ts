import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import {
  accounts,
  balanceOf,
  refundToWallet,
  releaseEarnings,
  settleGatewayPayment,
} from "../../ledger/index.ts";
import { callerFor, createTestApp, signUpVerifiedUser } from "../../testing/index.ts";
import { seedSales } from "../testing/revenue-seed.ts";
import { bucketRevenue, loadMonthlyRevenue, loadRevenuePostings } from "./revenue.ts";

let app: App;
let mentor: { cookie: string; userId: string };
let other: { cookie: string; userId: string };

async function makeMentor(name: string) {
  const user = await signUpVerifiedUser(app, { name, email: `${randomUUID()}@dashboard.test` });
  await app.prisma.user.update({
    where: { id: user.userId },
    data: { role: "MENTOR", timezone: "Europe/Paris" },
  });
  await app.prisma.mentorProfile.create({ data: { userId: user.userId, status: "APPROVED" } });
  return user;
}

const sale = (mentorId: string, currency: string, amountMinor: number) =>
  settleGatewayPayment(app.prisma, {
    gatewayId: "sandbox",
    mentorId,
    currency,
    amountMinor,
    feeBasisPoints: 1_500,
    idempotencyKey: `test-sale:${randomUUID()}`,
  });

/** What the ledger holds, summed independently of the dashboard's code. */
async function ledgerRevenue(mentorId: string, currency: string): Promise<number> {
  const [row] = await app.prisma.$queryRaw<{ total: bigint | null }[]>`
    SELECT SUM(e."amountMinor")::bigint AS total
    FROM ledger_entry e
    JOIN ledger_account a ON a.id = e."accountId"
    JOIN ledger_transaction t ON t.id = e."transactionId"
    WHERE a.kind = 'MENTOR_PENDING' AND a.owner = ${mentorId} AND a.currency = ${currency}
      AND t.kind IN ('PAYMENT', 'REFUND')`;
  return Number(row?.total ?? 0n);
}

beforeAll(async () => {
  app = await createTestApp();
  mentor = await makeMentor("Maëlle Mentor");
  other = await makeMentor("Other Mentor");

  // Three 50 EUR sales at 15% (4250 each to the mentor), one refunded; one 100 TND sale.
  await sale(mentor.userId, "EUR", 5_000);
  await sale(mentor.userId, "EUR", 5_000);
  await sale(mentor.userId, "EUR", 5_000);
  await refundToWallet(app.prisma, {
    userId: randomUUID(),
    mentorId: mentor.userId,
    currency: "EUR",
    amountMinor: 5_000,
    feeBasisPoints: 1_500,
    idempotencyKey: `test-refund:${randomUUID()}`,
  });
  await sale(mentor.userId, "TND", 100_000);
  await releaseEarnings(app.prisma, {
    mentorId: mentor.userId,
    currency: "EUR",
    amountMinor: 4_250,
    idempotencyKey: `test-release:${randomUUID()}`,
  });
  // The other mentor's sale must not show on this dashboard.
  await sale(other.userId, "EUR", 2_000);

  const offering = await app.prisma.offering.create({
    data: { mentorId: mentor.userId, title: "Review", description: "Review.", kind: "ONE_TO_ONE" },
  });
  const option = await app.prisma.offeringOption.create({
    data: { offeringId: offering.id, durationMinutes: 60, priceMinor: 5_000, currency: "EUR" },
  });
  const session = (status: "COMPLETED" | "CANCELLED" | "SCHEDULED", daysAgo: number) => {
    const startsAt = new Date(Date.now() - daysAgo * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    return app.prisma.mentoringSession.create({
      data: {
        mentorId: mentor.userId,
        offeringId: offering.id,
        optionId: option.id,
        startsAt,
        endsAt,
        blockedUntil: endsAt,
        capacity: 1,
        status,
      },
    });
  };
  await session("COMPLETED", 3);
  await session("COMPLETED", 2);
  await session("CANCELLED", 1);
});
afterAll(() => app?.close());

describe("mentor dashboard", () => {
  it("shows each figure as the ledger has it, per currency", async () => {
    const caller = await callerFor(app, { cookie: mentor.cookie });
    const dashboard = await caller.mentor.dashboard();
    expect(dashboard.timezone).toBe("Europe/Paris");
    expect(dashboard.sessionsDone).toBe(2);
    expect(dashboard.currencies.map((c) => c.currency)).toEqual(["EUR", "TND"]);
    const [eur, tnd] = dashboard.currencies;

    expect(eur?.thisMonthMinor).toBe(3 * 4_250 - 4_250);
    expect(eur?.thisMonthMinor).toBe(await ledgerRevenue(mentor.userId, "EUR"));
    expect(eur?.thisYearMinor).toBe(eur?.thisMonthMinor);
    expect(eur?.months).toHaveLength(12);
    expect(eur?.months.at(-1)?.amountMinor).toBe(8_500);
    expect(eur?.months.slice(0, 11).every((m) => m.amountMinor === 0)).toBe(true);
    expect(eur?.pendingMinor).toBe(
      await balanceOf(app.prisma, accounts.mentorPending(mentor.userId, "EUR")),
    );
    expect(eur?.pendingMinor).toBe(4_250);
    expect(eur?.availableMinor).toBe(4_250);

    expect(tnd?.thisMonthMinor).toBe(85_000);
    expect(tnd?.thisMonthMinor).toBe(await ledgerRevenue(mentor.userId, "TND"));
    expect(tnd?.pendingMinor).toBe(85_000);
    expect(tnd?.availableMinor).toBe(0);
  });

  it("lists the payouts on their way, not finished or cancelled ones", async () => {
    const payout = (status: "REQUESTED" | "APPROVED" | "PAID" | "CANCELLED", amountMinor: number) =>
      app.prisma.payout.create({
        data: {
          mentorId: mentor.userId,
          currency: "EUR",
          amountMinor,
          method: "SANDBOX",
          destination: { kind: "sandbox", account: "test" },
          gatewayId: "sandbox",
          gatewayKey: `payout:${randomUUID()}`,
          status,
        },
      });
    await payout("REQUESTED", 1_000);
    await payout("APPROVED", 2_000);
    await payout("PAID", 3_000);
    await payout("CANCELLED", 4_000);
    const caller = await callerFor(app, { cookie: mentor.cookie });
    const { upcomingPayouts } = await caller.mentor.dashboard();
    expect(upcomingPayouts.map((p) => [p.status, p.amountMinor])).toEqual([
      ["REQUESTED", 1_000],
      ["APPROVED", 2_000],
    ]);
  });

  it("shows another mentor only their own figures", async () => {
    const caller = await callerFor(app, { cookie: other.cookie });
    const dashboard = await caller.mentor.dashboard();
    expect(dashboard.sessionsDone).toBe(0);
    expect(dashboard.currencies).toEqual([
      expect.objectContaining({ currency: "EUR", thisMonthMinor: 1_700, pendingMinor: 1_700 }),
    ]);
  });

  it("moves today's postings back in the months as time passes, and out of a new year", async () => {
    const inTwoMonths = new Date(Date.now() + 62 * 86_400_000);
    const later = bucketRevenue(await loadRevenuePostings(app.prisma, mentor.userId, inTwoMonths), {
      now: inTwoMonths,
      timeZone: "Europe/Paris",
    });
    const eur = later.find((c) => c.currency === "EUR");
    expect(eur?.thisMonthMinor).toBe(0);
    expect(eur?.months.reduce((sum, m) => sum + m.amountMinor, 0)).toBe(8_500);
    expect(eur?.months.findIndex((m) => m.amountMinor === 8_500)).toBeLessThan(11);
    expect(
      await loadMonthlyRevenue(app.prisma, mentor.userId, {
        now: inTwoMonths,
        timeZone: "Europe/Paris",
      }),
    ).toEqual(later);
  });

  it("groups by month in SQL exactly as bucketing each posting in the mentor's timezone does", async () => {
    const busy = randomUUID();
    const now = new Date();
    // Sales at random instants over 13 months: many fall near a month's edge in some zone.
    await seedSales(app, { mentorIds: [busy], salesPerMentor: 400, now });
    await seedSales(app, { mentorIds: [busy], salesPerMentor: 50, now, currency: "TND" });
    const postings = await loadRevenuePostings(app.prisma, busy, now);
    expect(postings).toHaveLength(450);
    for (const timeZone of [
      "UTC",
      "Europe/Paris",
      "America/New_York",
      "Pacific/Kiritimati",
      "Asia/Kolkata",
      "+05:30",
      "-11:00",
    ]) {
      const inSql = await loadMonthlyRevenue(app.prisma, busy, { now, timeZone });
      expect(inSql, timeZone).toEqual(bucketRevenue(postings, { now, timeZone }));
      expect(inSql.map((c) => c.currency)).toEqual(["EUR", "TND"]);
    }
  });
});
