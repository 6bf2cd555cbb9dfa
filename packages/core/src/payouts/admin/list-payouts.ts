import type { Db, Prisma } from "@mentora/db";
import { z } from "zod";
import { type AdminPayoutFilters, adminPayoutFilters } from "../../contracts/index.ts";
import { type CsvOptions, csvLines } from "../../csv/index.ts";
import { cursorPage, eachItem, pageArgs } from "../../trpc/pagination.ts";
import { payoutOutput, toPayoutOutput } from "../payout-output.ts";

// The filters are a contract the browser shares (declared once in contracts/).
export { type AdminPayoutFilters, adminPayoutFilters };

export const adminPayoutRow = payoutOutput.extend({
  mentorId: z.string(),
  mentorEmail: z.string(),
  mentorName: z.string(),
  gatewayId: z.string().nullable(),
  providerPayoutId: z.string().nullable(),
  approvedById: z.string().nullable(),
  /** When the frozen destination had been set on the mentor's method. */
  methodSetAt: z.date().nullable(),
  /** Its age when the payout was requested, in whole hours (a fresh method is a warning sign). */
  methodAgeHours: z.number().int().nullable(),
});

export type AdminPayoutRow = z.infer<typeof adminPayoutRow>;

function whereOf(filters: AdminPayoutFilters, mentorIds?: string[]): Prisma.PayoutWhereInput {
  return {
    status: filters.status,
    method: filters.method,
    currency: filters.currency,
    createdAt: { gte: filters.from, lt: filters.to },
    amountMinor: { gte: filters.minAmountMinor, lte: filters.maxAmountMinor },
    ...(mentorIds ? { mentorId: { in: mentorIds } } : {}),
  };
}

/** Mentor ids matching the mentor filter (no relation to user: payouts stay in their section). */
async function mentorIdsFor(prisma: Db, mentor: string | undefined) {
  if (!mentor) return undefined;
  const users = await prisma.user.findMany({
    where: {
      OR: [
        { id: mentor },
        { email: { contains: mentor, mode: "insensitive" } },
        { name: { contains: mentor, mode: "insensitive" } },
      ],
    },
    select: { id: true },
    take: 500,
  });
  return users.map((user) => user.id);
}

/**
 * Payouts for admins, a page at a time; the cursor is the last row's id. `order: "oldest"`
 * is the approval queue's order (first asked, first served).
 */
export async function listPayoutsForAdmin(
  prisma: Db,
  filters: AdminPayoutFilters,
  page: { limit: number; cursor?: string | undefined; order?: "newest" | "oldest" },
): Promise<{ items: AdminPayoutRow[]; nextCursor: string | null }> {
  const direction = page.order === "oldest" ? "asc" : "desc";
  const rows = await prisma.payout.findMany({
    where: whereOf(filters, await mentorIdsFor(prisma, filters.mentor)),
    orderBy: [{ createdAt: direction }, { id: direction }],
    ...pageArgs(page),
  });
  const { items: slice, nextCursor } = cursorPage(rows, page.limit);
  const mentors = await prisma.user.findMany({
    where: { id: { in: [...new Set(slice.map((row) => row.mentorId))] } },
    select: { id: true, email: true, name: true },
  });
  const byId = new Map(mentors.map((mentor) => [mentor.id, mentor]));
  const items = slice.map((row) => ({
    ...toPayoutOutput(row),
    mentorId: row.mentorId,
    mentorEmail: byId.get(row.mentorId)?.email ?? "",
    mentorName: byId.get(row.mentorId)?.name ?? "",
    gatewayId: row.gatewayId,
    providerPayoutId: row.providerPayoutId,
    approvedById: row.approvedById,
    methodSetAt: row.methodSetAt,
    methodAgeHours: row.methodSetAt
      ? Math.max(0, Math.floor((row.createdAt.getTime() - row.methodSetAt.getTime()) / 3_600_000))
      : null,
  }));
  return { items, nextCursor };
}

const csvColumns = [
  "id",
  "createdAt",
  "status",
  "mentorId",
  "mentorEmail",
  "mentorName",
  "currency",
  "amountMinor",
  "feeMinor",
  "method",
  "destination",
  "gatewayId",
  "providerPayoutId",
  "reference",
  "attempts",
  "lastFailure",
  "approvedById",
  "methodSetAt",
  "approvedAt",
  "paidAt",
  "rejectionReason",
] as const satisfies readonly (keyof AdminPayoutRow)[];

/** Every payout matching the filters as CSV (formula-safe fields), a page at a time. */
export function payoutsCsv(
  prisma: Db,
  filters: AdminPayoutFilters,
  options?: CsvOptions,
): AsyncGenerator<string, void, undefined> {
  const rows = eachItem((cursor) => listPayoutsForAdmin(prisma, filters, { limit: 500, cursor }));
  return csvLines(csvColumns, rows, options);
}
