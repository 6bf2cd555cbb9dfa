import type { Db, Prisma } from "@mentora/db";
import { z } from "zod";
import { type AdminPaymentFilters, adminPaymentFilters } from "../../contracts/index.ts";
import { type CsvOptions, csvLines } from "../../csv/index.ts";
import { AppError } from "../../errors/index.ts";
import { decodeCursor, encodeCursor } from "../../trpc/keyset-cursor.ts";
import { cursorPage, eachItem } from "../../trpc/pagination.ts";
import { paymentStatus } from "../payment-output.ts";

// The filters are a contract the browser shares (declared once in contracts/).
export { type AdminPaymentFilters, adminPaymentFilters };

export const adminPaymentRow = z.object({
  id: z.string(),
  createdAt: z.date(),
  status: paymentStatus,
  purpose: z.enum(["BOOKING", "TOP_UP"]),
  provider: z.string().nullable(),
  providerPaymentId: z.string().nullable(),
  currency: z.string(),
  amountMinor: z.number().int(),
  walletAmountMinor: z.number().int(),
  gatewayAmountMinor: z.number().int(),
  refundedMinor: z.number().int(),
  creditedToWallet: z.boolean(),
  userId: z.string(),
  userEmail: z.string(),
  userName: z.string(),
  bookingId: z.string().nullable(),
  failureReason: z.string().nullable(),
  /** What an admin may still refund: the rest of a succeeded payment, else 0. */
  refundableMinor: z.number().int(),
});

export type AdminPaymentRow = z.infer<typeof adminPaymentRow>;

/** Above this many matching users the filter stays a join: an id list that long selects little. */
const USER_IDS_MAX = 1_000;

/**
 * The user filter (an id, or part of an email or name) resolved to user ids first: one pass
 * over the users, then the payments by the (userId, createdAt) index, instead of matching the
 * text against the user of every payment.
 */
async function userFilterOf(prisma: Db, user: string): Promise<Prisma.PaymentWhereInput> {
  const matching = { contains: user, mode: "insensitive" } as const;
  const users = await prisma.user.findMany({
    where: { OR: [{ id: user }, { email: matching }, { name: matching }] },
    select: { id: true },
    take: USER_IDS_MAX + 1,
  });
  if (users.length > USER_IDS_MAX) {
    return { OR: [{ userId: user }, { user: { email: matching } }, { user: { name: matching } }] };
  }
  return { userId: { in: users.map((row) => row.id) } };
}

async function whereOf(
  prisma: Db,
  filters: AdminPaymentFilters,
): Promise<Prisma.PaymentWhereInput> {
  return {
    status: filters.status,
    provider: filters.provider,
    currency: filters.currency,
    createdAt: { gte: filters.from, lt: filters.to },
    amountMinor: { gte: filters.minAmountMinor, lte: filters.maxAmountMinor },
    ...(filters.user ? await userFilterOf(prisma, filters.user) : {}),
  };
}

/** Strictly after the cursor's (createdAt, id) in newest-first order: keyset, no OFFSET. */
function afterCursor(cursor: string | undefined): Prisma.PaymentWhereInput {
  if (!cursor) return {};
  const [createdAtIso, id] = decodeCursor(cursor, 2) as [string, string];
  const createdAt = new Date(createdAtIso);
  if (Number.isNaN(createdAt.getTime())) {
    throw new AppError("BAD_REQUEST", { reason: "INVALID_CURSOR" });
  }
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

/**
 * Newest first, a page at a time. The cursor is the last row's (createdAt, id) sort key, so a
 * page is one range read of the payment (createdAt, id) index however deep it is.
 */
export async function listPaymentsForAdmin(
  prisma: Db,
  filters: AdminPaymentFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: AdminPaymentRow[]; nextCursor: string | null }> {
  const where = await whereOf(prisma, filters);
  return pageOfPayments(prisma, where, page);
}

async function pageOfPayments(
  prisma: Db,
  where: Prisma.PaymentWhereInput,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: AdminPaymentRow[]; nextCursor: string | null }> {
  const rows = await prisma.payment.findMany({
    where: { AND: [where, afterCursor(page.cursor)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    include: { user: { select: { email: true, name: true } } },
  });
  const { items: slice, nextCursor } = cursorPage(rows, page.limit, (last) =>
    encodeCursor([last.createdAt.toISOString(), last.id]),
  );
  const items = slice.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    status: row.status,
    purpose: row.purpose,
    provider: row.provider,
    providerPaymentId: row.providerPaymentId,
    currency: row.currency,
    amountMinor: row.amountMinor,
    walletAmountMinor: row.walletAmountMinor,
    gatewayAmountMinor: row.gatewayAmountMinor,
    refundedMinor: row.refundedMinor,
    creditedToWallet: row.creditedToWallet,
    userId: row.userId,
    userEmail: row.user.email,
    userName: row.user.name,
    bookingId: row.bookingId,
    failureReason: row.failureReason,
    refundableMinor:
      row.status === "SUCCEEDED" ? Math.max(0, row.amountMinor - row.refundedMinor) : 0,
  }));
  return { items, nextCursor };
}

const csvColumns = [
  "id",
  "createdAt",
  "status",
  "purpose",
  "provider",
  "providerPaymentId",
  "currency",
  "amountMinor",
  "walletAmountMinor",
  "gatewayAmountMinor",
  "refundedMinor",
  "creditedToWallet",
  "userId",
  "userEmail",
  "userName",
  "bookingId",
  "failureReason",
] as const satisfies readonly (keyof AdminPaymentRow)[];

/**
 * Every payment matching the filters as CSV, read a page at a time by keyset (each page an
 * index range after the last one, the user filter resolved once) so the cost is linear and
 * memory stays flat however many rows there are.
 */
export async function* paymentsCsv(
  prisma: Db,
  filters: AdminPaymentFilters,
  options?: CsvOptions,
): AsyncGenerator<string, void, undefined> {
  const where = await whereOf(prisma, filters);
  const rows = eachItem((cursor) => pageOfPayments(prisma, where, { limit: 2_000, cursor }));
  yield* csvLines(csvColumns, rows, options);
}
