import type { LedgerDb } from "../../ledger/index.ts";

/**
 * A mentor's revenue is what the ledger credited to their pending earnings for sessions sold
 * (PAYMENT: their share, after the platform fee) less what refunds took back (REFUND), dated
 * by the posting and bucketed by calendar month in the mentor's timezone.
 */
export interface RevenuePosting {
  currency: string;
  /** Signed minor units on the mentor's pending-earnings account. */
  amountMinor: number;
  postedAt: Date;
}

export interface CurrencyRevenue {
  currency: string;
  thisMonthMinor: number;
  thisYearMinor: number;
  /** The last 12 calendar months, oldest first, the current month last; "YYYY-MM". */
  months: { month: string; amountMinor: number }[];
}

/**
 * Formatters by timezone, built once: constructing an Intl.DateTimeFormat costs more than the
 * dashboard's whole query. Bounded: zones are a few hundred names, the cache is dropped whole
 * if odd input ever fills it.
 */
const monthFormats = new Map<string, Intl.DateTimeFormat>();
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
const FORMATS_MAX = 1_000;

function cachedFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (format === undefined) {
    if (cache.size >= FORMATS_MAX) cache.clear();
    format = make();
    cache.set(timeZone, format);
  }
  return format;
}

/** "YYYY-MM" of an instant as seen in a timezone. */
export function monthKey(instant: Date, timeZone: string): string {
  const parts = cachedFormat(
    monthFormats,
    timeZone,
    () => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }),
  ).formatToParts(instant);
  const year = parts.find((part) => part.type === "year")?.value;
  const month = parts.find((part) => part.type === "month")?.value;
  return `${year}-${month}`;
}

/** The 12 month keys ending with the current one, oldest first. */
export function lastTwelveMonths(now: Date, timeZone: string): string[] {
  const [year, month] = monthKey(now, timeZone).split("-").map(Number) as [number, number];
  const keys: string[] = [];
  for (let back = 11; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    keys.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return keys;
}

/** Pure: postings → this month, this year and 12 monthly totals per currency. */
export function bucketRevenue(
  postings: readonly RevenuePosting[],
  options: { now: Date; timeZone: string },
): CurrencyRevenue[] {
  const months = lastTwelveMonths(options.now, options.timeZone);
  const byCurrency = new Map<string, Map<string, number>>();
  for (const posting of postings) {
    const key = monthKey(posting.postedAt, options.timeZone);
    if (!months.includes(key)) continue;
    const totals = byCurrency.get(posting.currency) ?? new Map<string, number>();
    totals.set(key, (totals.get(key) ?? 0) + posting.amountMinor);
    byCurrency.set(posting.currency, totals);
  }
  return summarize(byCurrency, months);
}

/** Monthly totals per currency → the dashboard's figures, currencies in order. */
function summarize(
  byCurrency: Map<string, Map<string, number>>,
  months: readonly string[],
): CurrencyRevenue[] {
  const current = months.at(-1) as string;
  const year = current.slice(0, 4);
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, totals]) => ({
      currency,
      thisMonthMinor: totals.get(current) ?? 0,
      // The year so far is always inside the last 12 months (January is at most 11 back).
      thisYearMinor: months
        .filter((key) => key.startsWith(year))
        .reduce((sum, key) => sum + (totals.get(key) ?? 0), 0),
      months: months.map((month) => ({ month, amountMinor: totals.get(month) ?? 0 })),
    }));
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(instant: number, format: Intl.DateTimeFormat): number {
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour) % 24,
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The first instant of each "YYYY-MM" month in a timezone, plus the first instant of the month
 * after the last: bucket edges for SQL. Computed here with the same Intl rules as monthKey, so
 * the database's own time zone names (which differ from ICU's, e.g. "+01:00") never matter.
 */
export function monthStarts(months: readonly string[], timeZone: string): Date[] {
  const format = cachedFormat(
    wallClockFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      }),
  );
  const last = months.at(-1) as string;
  const [lastYear, lastMonth] = last.split("-").map(Number) as [number, number];
  const edges = [...months, `${lastYear + Math.floor(lastMonth / 12)}-${(lastMonth % 12) + 1}`];
  return edges.map((key) => {
    const [year, month] = key.split("-").map(Number) as [number, number];
    const wall = Date.UTC(year, month - 1, 1);
    // Twice: the offset at the guess can differ from the one at the answer across a DST change.
    const guess = wall - offsetAt(wall, format);
    return new Date(wall - offsetAt(guess, format));
  });
}

/**
 * The dashboard's revenue (see RevenuePosting for what counts), summed per currency and month
 * in SQL: the month edges in the mentor's timezone are computed once here and the database
 * buckets the postings with width_bucket, so the cost is one index-only range per account, not
 * a formatter per posting nor a transaction lookup per entry.
 */
export async function loadMonthlyRevenue(
  db: LedgerDb,
  mentorId: string,
  options: { now: Date; timeZone: string },
): Promise<CurrencyRevenue[]> {
  const months = lastTwelveMonths(options.now, options.timeZone);
  // timestamp(3) columns hold UTC wall time: compare with UTC wall-time text, not timestamptz.
  const edges = monthStarts(months, options.timeZone).map((edge) =>
    edge.toISOString().slice(0, 23),
  );
  const now = options.now.toISOString().slice(0, 23);
  // Each entry carries its transaction's time and kind (decision 056): one index-only range of
  // ledger_entry (accountId, postedAt, transactionKind, amountMinor) per earnings account, no
  // join to ledger_transaction; the account gives the currency (an entry's is its account's).
  // width_bucket measured cheaper than a CASE chain or a range join per month (decision 056).
  const rows = await db.$queryRaw<{ currency: string; bucket: number; total: bigint }[]>`
    SELECT a.currency,
      width_bucket(e."postedAt", ${edges}::timestamp(3)[]) AS bucket,
      sum(e."amountMinor")::bigint AS total
    FROM ledger_account a
    JOIN ledger_entry e ON e."accountId" = a.id
    WHERE a.owner = ${mentorId}
      AND a.kind IN ('MENTOR_PENDING', 'MENTOR_AVAILABLE', 'MENTOR_RECEIVABLE', 'MENTOR_FROZEN')
      AND e."transactionKind" IN ('PAYMENT', 'REFUND', 'DISPUTE_LOSS')
      AND e."postedAt" >= ${edges[0]}::timestamp(3)
      AND e."postedAt" < ${edges.at(-1)}::timestamp(3)
      AND e."postedAt" <= ${now}::timestamp(3)
    GROUP BY 1, 2`;
  const byCurrency = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const month = months[Number(row.bucket) - 1];
    if (month === undefined) continue;
    const totals = byCurrency.get(row.currency) ?? new Map<string, number>();
    totals.set(month, (totals.get(month) ?? 0) + Number(row.total));
    byCurrency.set(row.currency, totals);
  }
  return summarize(byCurrency, months);
}

const DAY_MS = 86_400_000;

/**
 * The mentor's sale, refund and lost-dispute postings of roughly the last 13 months (bucketing
 * trims). A refund or loss after release takes from available earnings or records a debt
 * (decision 015), so every mentor earnings account counts, not only pending.
 */
export async function loadRevenuePostings(
  db: LedgerDb,
  mentorId: string,
  now: Date,
): Promise<RevenuePosting[]> {
  const rows = await db.ledgerEntry.findMany({
    where: {
      account: {
        kind: { in: ["MENTOR_PENDING", "MENTOR_AVAILABLE", "MENTOR_RECEIVABLE", "MENTOR_FROZEN"] },
        owner: mentorId,
      },
      transaction: {
        kind: { in: ["PAYMENT", "REFUND", "DISPUTE_LOSS"] },
        createdAt: { gte: new Date(now.getTime() - 400 * DAY_MS), lte: now },
      },
    },
    select: { currency: true, amountMinor: true, transaction: { select: { createdAt: true } } },
  });
  return rows.map((row) => ({
    currency: row.currency,
    amountMinor: Number(row.amountMinor),
    postedAt: row.transaction.createdAt,
  }));
}

/** Pending and available earnings per currency, from the ledger's balances. */
export async function loadEarningsBalances(
  db: LedgerDb,
  mentorId: string,
): Promise<{ currency: string; pendingMinor: number; availableMinor: number }[]> {
  const accounts = await db.ledgerAccount.findMany({
    where: { owner: mentorId, kind: { in: ["MENTOR_PENDING", "MENTOR_AVAILABLE"] } },
    select: { id: true, kind: true, currency: true },
  });
  const sums = await db.ledgerEntry.groupBy({
    by: ["accountId"],
    where: { accountId: { in: accounts.map((account) => account.id) } },
    _sum: { amountMinor: true },
  });
  const byCurrency = new Map<string, { pendingMinor: number; availableMinor: number }>();
  for (const account of accounts) {
    const sum = Number(sums.find((row) => row.accountId === account.id)?._sum.amountMinor ?? 0n);
    const entry = byCurrency.get(account.currency) ?? { pendingMinor: 0, availableMinor: 0 };
    if (account.kind === "MENTOR_PENDING") entry.pendingMinor += sum;
    else entry.availableMinor += sum;
    byCurrency.set(account.currency, entry);
  }
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amounts]) => ({ currency, ...amounts }));
}
