import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import {
  lastTwelveMonths,
  loadEarningsBalances,
  loadMonthlyRevenue,
} from "../dashboard/revenue.ts";

export const dashboardOutput = z.object({
  /** The timezone months are read in (the mentor's). */
  timezone: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      thisMonthMinor: z.number().int(),
      thisYearMinor: z.number().int(),
      months: z.array(z.object({ month: z.string(), amountMinor: z.number().int() })),
      /** Earned, not yet released (sessions not completed or within the hold period). */
      pendingMinor: z.number().int(),
      /** Released: can be paid out. */
      availableMinor: z.number().int(),
    }),
  ),
  sessionsDone: z.number().int(),
  /** Payouts asked for and not finished yet, oldest first. */
  upcomingPayouts: z.array(
    z.object({
      id: z.string(),
      currency: z.string(),
      amountMinor: z.number().int(),
      status: z.enum(["REQUESTED", "APPROVED", "PROCESSING"]),
      requestedAt: z.date(),
    }),
  ),
});

/**
 * The mentor's revenue dashboard, every figure from the ledger: earnings (after the platform
 * fee, less refunds) this month, this year and per month for 12 months, per currency; pending
 * and available balances; completed sessions; payouts on their way.
 */
export const getDashboard = mentorProcedure.output(dashboardOutput).query(async ({ ctx }) => {
  const { prisma } = ctx.services;
  const now = new Date();
  const [revenue, balances, sessionsDone, payouts] = await Promise.all([
    loadMonthlyRevenue(prisma, ctx.user.id, { now, timeZone: ctx.timezone }),
    loadEarningsBalances(prisma, ctx.user.id),
    prisma.mentoringSession.count({ where: { mentorId: ctx.user.id, status: "COMPLETED" } }),
    prisma.payout.findMany({
      where: { mentorId: ctx.user.id, status: { in: ["REQUESTED", "APPROVED", "PROCESSING"] } },
      orderBy: { createdAt: "asc" },
      take: 20,
      select: { id: true, currency: true, amountMinor: true, status: true, createdAt: true },
    }),
  ]);
  const months = lastTwelveMonths(now, ctx.timezone);
  const currencies = [
    ...new Set([...revenue.map((r) => r.currency), ...balances.map((b) => b.currency)]),
  ].sort();
  return {
    timezone: ctx.timezone,
    currencies: currencies.map((currency) => {
      const sold = revenue.find((r) => r.currency === currency);
      const balance = balances.find((b) => b.currency === currency);
      return {
        currency,
        thisMonthMinor: sold?.thisMonthMinor ?? 0,
        thisYearMinor: sold?.thisYearMinor ?? 0,
        months: sold?.months ?? months.map((month) => ({ month, amountMinor: 0 })),
        pendingMinor: balance?.pendingMinor ?? 0,
        availableMinor: balance?.availableMinor ?? 0,
      };
    }),
    sessionsDone,
    upcomingPayouts: payouts.map((payout) => ({
      id: payout.id,
      currency: payout.currency,
      amountMinor: payout.amountMinor,
      status: payout.status as "REQUESTED" | "APPROVED" | "PROCESSING",
      requestedAt: payout.createdAt,
    })),
  };
});
