import { type Db, Prisma } from "@mentora/db";
import { DateTime } from "luxon";
import { z } from "zod";
import { type ActivityFilters, activityKinds } from "../contracts/index.ts";
import { AppError } from "../errors/index.ts";
import { decodeCursor, encodeCursor } from "../trpc/keyset-cursor.ts";
import { cursorPage, type PageRequest } from "../trpc/pagination.ts";
import { platformFeed } from "./project.ts";

/** One line of a feed as pages show it: the entry and the current state of what it is about. */
export const activityItem = z.object({
  id: z.string(),
  eventType: z.string(),
  kind: z.enum(activityKinds),
  occurredAt: z.date(),
  /** The session it is about, as it is now (it may have moved or been cancelled since). */
  session: z
    .object({
      id: z.string(),
      bookingId: z.string().nullable(),
      title: z.string(),
      startsAt: z.date(),
      endsAt: z.date(),
      status: z.string(),
      /** Still to come (and not cancelled): the page offers to join or view it. */
      upcoming: z.boolean(),
      mentor: z.object({ id: z.string(), name: z.string() }),
      /** The participant, for a one-place booking (the mentor's and admins' view). */
      menteeName: z.string().nullable(),
    })
    .nullable(),
  amount: z.object({ minor: z.number().int(), currency: z.string() }).nullable(),
  paymentId: z.string().nullable(),
  payoutId: z.string().nullable(),
  /** An invoice, credit note or payout statement the entry is about (its PDF is the owner's). */
  invoiceId: z.string().nullable(),
  /** The attendance verdict, the payout's failure reason: one word a page translates. */
  detail: z.string().nullable(),
});
export type ActivityItem = z.infer<typeof activityItem>;

/** Whose feed: a person's, or the admins' platform feed. */
export type FeedOwner = { userId: string } | { platform: true };

interface FeedQuery {
  owner: FeedOwner;
  filters: ActivityFilters;
  page: PageRequest;
  /** The viewer's time zone: the period's days are theirs. */
  timezone: string;
  now?: Date;
}

/** [from, to) of the period's days in the viewer's time zone. */
export function periodBounds(filters: ActivityFilters, timezone: string) {
  const day = (iso: string) => DateTime.fromISO(iso, { zone: timezone }).startOf("day");
  return {
    gte: filters.from ? day(filters.from).toJSDate() : undefined,
    lt: filters.to ? day(filters.to).plus({ days: 1 }).toJSDate() : undefined,
  };
}

/** The keyset condition after a cursor: a row comparison, which the index range-scans from. */
function afterCursor(cursor: string | undefined): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  const [occurredAtIso, id] = decodeCursor(cursor, 2) as [string, string];
  const occurredAt = new Date(occurredAtIso);
  if (Number.isNaN(occurredAt.getTime()) || !z.uuid().safeParse(id).success) {
    throw new AppError("BAD_REQUEST", { reason: "INVALID_CURSOR" });
  }
  return Prisma.sql`AND ("occurredAt", id) < (${occurredAt.toISOString()}::timestamp, ${id}::uuid)`;
}

/**
 * A page of a feed, newest first, in keyset order (occurredAt, id) on the
 * (feed, [kind,] occurredAt, id) indexes: a page costs one index range read however long the
 * feed and however deep the page (the ids first in SQL, then the rows by primary key).
 */
export async function readActivityFeed(db: Db, query: FeedQuery) {
  const feed = "userId" in query.owner ? query.owner.userId : platformFeed;
  const { gte, lt } = periodBounds(query.filters, query.timezone);
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM activity_entry
    WHERE feed = ${feed}
      ${query.filters.kind ? Prisma.sql`AND kind = ${query.filters.kind}` : Prisma.empty}
      ${gte ? Prisma.sql`AND "occurredAt" >= ${gte.toISOString()}::timestamp` : Prisma.empty}
      ${lt ? Prisma.sql`AND "occurredAt" < ${lt.toISOString()}::timestamp` : Prisma.empty}
      ${afterCursor(query.page.cursor)}
    ORDER BY "occurredAt" DESC, id DESC
    LIMIT ${query.page.limit + 1}`;
  const byId = new Map(
    (await db.activityEntry.findMany({ where: { id: { in: ids.map((row) => row.id) } } })).map(
      (row) => [row.id, row],
    ),
  );
  const rows = ids.flatMap((row) => byId.get(row.id) ?? []);
  const page = cursorPage(rows, query.page.limit, (last) =>
    encodeCursor([last.occurredAt.toISOString(), last.id]),
  );
  return {
    items: await hydrate(db, page.items, query.now ?? new Date()),
    nextCursor: page.nextCursor,
  };
}

type Entry = Awaited<ReturnType<Db["activityEntry"]["findMany"]>>[number];
type EntryData = {
  bookingId?: string | null;
  sessionId?: string;
  paymentId?: string;
  payoutId?: string;
  invoiceId?: string;
  amountMinor?: number;
  currency?: string;
  verdict?: string;
  reason?: string;
};

const liveStatuses = new Set(["PENDING_PAYMENT", "CONFIRMED", "SCHEDULED"]);

/** The current state of what a page of entries is about, read in three queries whatever its size. */
async function hydrate(db: Db, entries: readonly Entry[], now: Date): Promise<ActivityItem[]> {
  const data = new Map(entries.map((entry) => [entry.id, entry.data as EntryData]));
  const paymentIds = [
    ...new Set([...data.values()].flatMap((d) => (d.paymentId ? [d.paymentId] : []))),
  ];
  const payments = await db.payment.findMany({
    where: { id: { in: paymentIds } },
    select: { id: true, amountMinor: true, currency: true, bookingId: true },
  });
  const paymentById = new Map(payments.map((payment) => [payment.id, payment]));
  const bookingIdOf = (d: EntryData) =>
    d.bookingId ?? (d.paymentId ? paymentById.get(d.paymentId)?.bookingId : null) ?? null;
  const bookingIds = [...new Set([...data.values()].flatMap((d) => bookingIdOf(d) ?? []))];
  const sessionIds = [
    ...new Set([...data.values()].flatMap((d) => (d.sessionId ? [d.sessionId] : []))),
  ];
  const [bookings, sessions] = await Promise.all([
    db.booking.findMany({
      where: { id: { in: bookingIds } },
      select: {
        id: true,
        status: true,
        offeringTitle: true,
        mentee: { select: { name: true } },
        session: {
          select: {
            id: true,
            startsAt: true,
            endsAt: true,
            mentor: { select: { id: true, name: true } },
          },
        },
      },
    }),
    db.mentoringSession.findMany({
      where: { id: { in: sessionIds } },
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        status: true,
        capacity: true,
        offering: { select: { title: true } },
        mentor: { select: { id: true, name: true } },
        bookings: {
          where: { status: { in: ["CONFIRMED", "COMPLETED"] } },
          select: { mentee: { select: { name: true } } },
          take: 2,
        },
      },
    }),
  ]);
  const bookingById = new Map(bookings.map((booking) => [booking.id, booking]));
  const sessionById = new Map(sessions.map((session) => [session.id, session]));

  return entries.map((entry) => {
    const d = data.get(entry.id) ?? {};
    const booking = bookingById.get(bookingIdOf(d) ?? "");
    const session = d.sessionId ? sessionById.get(d.sessionId) : undefined;
    const payment = d.paymentId ? paymentById.get(d.paymentId) : undefined;
    const shown: ActivityItem["session"] = booking
      ? {
          id: booking.session.id,
          bookingId: booking.id,
          title: booking.offeringTitle,
          startsAt: booking.session.startsAt,
          endsAt: booking.session.endsAt,
          status: booking.status,
          upcoming: liveStatuses.has(booking.status) && booking.session.endsAt > now,
          mentor: booking.session.mentor,
          menteeName: booking.mentee.name,
        }
      : session
        ? {
            id: session.id,
            bookingId: null,
            title: session.offering.title,
            startsAt: session.startsAt,
            endsAt: session.endsAt,
            status: session.status,
            upcoming: liveStatuses.has(session.status) && session.endsAt > now,
            mentor: session.mentor,
            menteeName:
              session.bookings.length === 1 ? (session.bookings[0]?.mentee.name ?? null) : null,
          }
        : null;
    const currency = d.currency ?? payment?.currency;
    const amountMinor =
      entry.eventType === "payment.settled" ? payment?.amountMinor : d.amountMinor;
    return {
      id: entry.id,
      eventType: entry.eventType,
      kind: entry.kind as ActivityItem["kind"],
      occurredAt: entry.occurredAt,
      session: shown,
      amount: currency && amountMinor !== undefined ? { minor: amountMinor, currency } : null,
      paymentId: d.paymentId ?? null,
      payoutId: d.payoutId ?? null,
      invoiceId: d.invoiceId ?? null,
      detail: d.verdict ?? (entry.eventType === "payout.failed" ? "failed" : null),
    };
  });
}
