import type { Db, Prisma } from "@mentora/db";
import type { Pool } from "pg";
import { z } from "zod";
import { type AdminPaymentFilters, adminPaymentFilters } from "../../contracts/index.ts";
import { type CsvOptions, csvRow, csvTextRow, UTF8_BOM } from "../../csv/index.ts";
import { AppError } from "../../errors/index.ts";
import { decodeCursor, encodeCursor } from "../../trpc/keyset-cursor.ts";
import { cursorPage } from "../../trpc/pagination.ts";
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
 * text against the user of every payment. Null above USER_IDS_MAX matching users.
 */
async function userIdsOf(prisma: Db, user: string): Promise<string[] | null> {
  const matching = { contains: user, mode: "insensitive" } as const;
  const users = await prisma.user.findMany({
    where: { OR: [{ id: user }, { email: matching }, { name: matching }] },
    select: { id: true },
    take: USER_IDS_MAX + 1,
  });
  return users.length > USER_IDS_MAX ? null : users.map((row) => row.id);
}

async function userFilterOf(prisma: Db, user: string): Promise<Prisma.PaymentWhereInput> {
  const ids = await userIdsOf(prisma, user);
  if (ids === null) {
    const matching = { contains: user, mode: "insensitive" } as const;
    return { OR: [{ userId: user }, { user: { email: matching } }, { user: { name: matching } }] };
  }
  return { userId: { in: ids } };
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
  // The leading `createdAt <=` is implied by the OR but gives the planner the index range's
  // start: without it the OR is a filter and a deep page walks every row above it.
  return {
    createdAt: { lte: createdAt },
    OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }],
  };
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
 * The CSV's columns in SQL, in csvColumns' order, each already the text csvField writes for the
 * value Prisma would return (ISO instant with milliseconds and Z, numbers, true/false), so a
 * row is formatted without parsing anything.
 */
const csvSelect = `
  SELECT p.id,
    to_char(p."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    p.status::text, p.purpose::text, p.provider, p."providerPaymentId", p.currency,
    p."amountMinor"::text, p."walletAmountMinor"::text, p."gatewayAmountMinor"::text,
    p."refundedMinor"::text, p."creditedToWallet"::text, p."userId", u.email, u.name,
    p."bookingId", p."failureReason"
  FROM payment p JOIN "user" u ON u.id = p."userId"`;

/** Every value as the text Postgres sent: the CSV needs text, parsing it back would be waste. */
const asText = { getTypeParser: () => (value: string) => value };

/** The filters as a SQL condition on `p` (payment) and `u` (its user), with its parameters. */
function sqlWhereOf(filters: AdminPaymentFilters, userIds: readonly string[] | null) {
  const values: unknown[] = [];
  const parameter = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions: string[] = [];
  if (filters.status) conditions.push(`p.status = ${parameter(filters.status)}::"PaymentStatus"`);
  if (filters.provider) conditions.push(`p.provider = ${parameter(filters.provider)}`);
  if (filters.currency) conditions.push(`p.currency = ${parameter(filters.currency)}`);
  // timestamp(3) columns hold UTC wall time: compare with UTC wall-time text.
  if (filters.from) {
    conditions.push(`p."createdAt" >= ${parameter(utcWallTime(filters.from))}::timestamp(3)`);
  }
  if (filters.to) {
    conditions.push(`p."createdAt" < ${parameter(utcWallTime(filters.to))}::timestamp(3)`);
  }
  if (filters.minAmountMinor !== undefined) {
    conditions.push(`p."amountMinor" >= ${parameter(filters.minAmountMinor)}`);
  }
  if (filters.maxAmountMinor !== undefined) {
    conditions.push(`p."amountMinor" <= ${parameter(filters.maxAmountMinor)}`);
  }
  if (filters.user) {
    if (userIds) {
      conditions.push(`p."userId" = ANY(${parameter(userIds)}::text[])`);
    } else {
      const pattern = parameter(`%${filters.user.replace(/[\\%_]/g, "\\$&")}%`);
      conditions.push(
        `(p."userId" = ${parameter(filters.user)} OR u.email ILIKE ${pattern} OR u.name ILIKE ${pattern})`,
      );
    }
  }
  return { conditions, values, parameter };
}

function utcWallTime(instant: Date): string {
  return instant.toISOString().slice(0, 23);
}

/**
 * Every payment matching the filters as CSV, newest first, read a page at a time by keyset
 * ((createdAt, id) after the last row's, on the payment (createdAt, id) index; the user filter
 * resolved to ids once) straight from the pg pool as text: linear, memory flat however many
 * rows there are, and no per-row parsing or object building (decision 056). Yields the header,
 * then one chunk of lines per page.
 */
export async function* paymentsCsv(
  services: { prisma: Db; pool: Pool },
  filters: AdminPaymentFilters,
  options?: CsvOptions & { pageSize?: number },
): AsyncGenerator<string, void, undefined> {
  const pageSize = options?.pageSize ?? 5_000;
  const userIds = filters.user ? await userIdsOf(services.prisma, filters.user) : null;
  yield `${options?.bom ? UTF8_BOM : ""}${csvRow(csvColumns)}`;
  let after: [string, string] | undefined;
  for (;;) {
    const { conditions, values, parameter } = sqlWhereOf(filters, userIds);
    if (after) {
      conditions.push(
        `(p."createdAt", p.id) < (${parameter(after[0])}::timestamp(3), ${parameter(after[1])})`,
      );
    }
    const text = `${csvSelect}
      ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
      ORDER BY p."createdAt" DESC, p.id DESC
      LIMIT ${parameter(pageSize)}`;
    const { rows } = await services.pool.query<(string | null)[]>({
      text,
      values,
      rowMode: "array",
      types: asText,
    });
    if (rows.length === 0) return;
    let chunk = "";
    for (const row of rows) chunk += csvTextRow(row);
    yield chunk;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1] as string[];
    after = [last[1] as string, last[0] as string];
  }
}
