import type { Db, Prisma } from "@mentora/db";
import { z } from "zod";
import { type AdminPaymentFilters, adminPaymentFilters } from "../../contracts/index.ts";
import { type CsvOptions, csvLines } from "../../csv/index.ts";
import { cursorPage, eachItem, pageArgs } from "../../trpc/pagination.ts";
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

function whereOf(filters: AdminPaymentFilters): Prisma.PaymentWhereInput {
  return {
    status: filters.status,
    provider: filters.provider,
    currency: filters.currency,
    createdAt: { gte: filters.from, lt: filters.to },
    amountMinor: { gte: filters.minAmountMinor, lte: filters.maxAmountMinor },
    ...(filters.user
      ? {
          OR: [
            { userId: filters.user },
            { user: { email: { contains: filters.user, mode: "insensitive" } } },
            { user: { name: { contains: filters.user, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
}

/** Newest first, a page at a time; the cursor is the last row's id (stable under inserts). */
export async function listPaymentsForAdmin(
  prisma: Db,
  filters: AdminPaymentFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: AdminPaymentRow[]; nextCursor: string | null }> {
  const rows = await prisma.payment.findMany({
    where: whereOf(filters),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...pageArgs(page),
    include: { user: { select: { email: true, name: true } } },
  });
  const { items: slice, nextCursor } = cursorPage(rows, page.limit);
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
 * Every payment matching the filters as CSV, read a page at a time so memory stays flat
 * however many rows there are.
 */
export function paymentsCsv(
  prisma: Db,
  filters: AdminPaymentFilters,
  options?: CsvOptions,
): AsyncGenerator<string, void, undefined> {
  const rows = eachItem((cursor) => listPaymentsForAdmin(prisma, filters, { limit: 500, cursor }));
  return csvLines(csvColumns, rows, options);
}
