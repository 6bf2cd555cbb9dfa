import { type Db, Prisma } from "@mentora/db";
import { IANAZone } from "luxon";
import {
  type DirectorySort,
  directoryTotalCap,
  type TimeOfDay,
  timeOfDayHours,
} from "../contracts/index.ts";
import { AppError } from "../errors/index.ts";
import type { Logger } from "../logger/index.ts";
import { avatarUrl } from "../profiles/index.ts";
import { decodeCursor, encodeCursor } from "../trpc/keyset-cursor.ts";
import { type PriceRange, priceRangesOf } from "./public-mentor.ts";
import { fillMissingSummaries, summaryDays } from "./slot-summary.ts";

export interface DirectorySearch {
  /** Case-insensitive text in the name, the headline or a skill's name. */
  q?: string | undefined;
  /** Skill slugs: a mentor with any of them matches. */
  skills?: readonly string[] | undefined;
  /** An ISO 639-1 code. */
  language?: string | undefined;
  /** With priceMin/priceMax: some sellable option in this currency is within the bounds. */
  currency?: string | undefined;
  priceMin?: number | undefined;
  priceMax?: number | undefined;
  /** Average rating at least this (1–5); mentors without a rating drop out. */
  minRating?: number | undefined;
  /** Has a free slot starting within this many days from now. */
  availableWithinDays?: number | undefined;
  /** Has a free slot starting at these hours of the viewer's day (any of them). */
  timesOfDay?: readonly TimeOfDay[] | undefined;
  sort?: DirectorySort | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface DirectoryMentor {
  id: string;
  name: string;
  headline: string | null;
  languages: string[];
  skills: { slug: string; name: string }[];
  avatarUrl: string | null;
  /** Listed, but not accepting bookings for now. */
  paused: boolean;
  prices: PriceRange[];
  /** Average of visible reviews (null without any) and how many. */
  rating: { average: number; count: number } | null;
  /** The first free start (within the time-of-day filter when given), ISO; null: none soon. */
  nextAvailableAt: string | null;
}

export interface DirectoryPage {
  items: DirectoryMentor[];
  /** Null on the last page. */
  nextCursor: string | null;
  /** The page before this one (Previous); null on the first page. */
  prevCursor: string | null;
  /**
   * Mentors matching every filter, across all pages, exact up to directoryTotalCap; when more
   * match, directoryTotalCap with totalIsCapped (shown "100+").
   */
  total: number;
  totalIsCapped: boolean;
}

/** Without a currency filter, the price sort compares prices in this currency. */
export const defaultSortCurrency = "EUR";

/** A cursor's sort with this before it reads the page before its row (Previous). */
const beforePrefix = "before:";

/** Sorts past the end: no price in the currency, no slot soon. */
const LAST = "1e15";
const HOUR_MS = 3_600_000;

/** ILIKE takes `%` and `_` as wildcards: text typed by a user must match itself. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Price text of directory_entry.prices: "CUR:" then the minor units over 10 digits. */
function priceOf(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`substr(${column}, 5)::bigint`;
}

/**
 * The WHERE conditions over `e` (directory_entry: listed mentors only, decision 071) and
 * `m_next` (the next free start, nextSlotSql). Every filter reads the entry's own row: no join.
 */
function conditionsOf(search: DirectorySearch, now: Date, timezone: string): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (search.skills && search.skills.length > 0) {
    // The skills' ids once (an InitPlan), then an array overlap on the row.
    conditions.push(Prisma.sql`e."skillIds" && ARRAY(SELECT s.id FROM skill s
      WHERE s.slug = ANY(${[...search.skills]}::text[]))`);
  }
  if (search.language) conditions.push(Prisma.sql`${search.language} = ANY(e.languages)`);
  if (search.currency) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM unnest(e.prices) p
      WHERE left(p, 3) = ${search.currency}
        ${search.priceMin === undefined ? Prisma.empty : Prisma.sql`AND ${priceOf(Prisma.sql`p`)} >= ${search.priceMin}`}
        ${search.priceMax === undefined ? Prisma.empty : Prisma.sql`AND ${priceOf(Prisma.sql`p`)} <= ${search.priceMax}`})`);
  }
  if (search.q) {
    const pattern = `%${escapeLike(search.q)}%`;
    // Skills whose name holds the text are found once (an InitPlan); with none (a name search)
    // the overlap is false at once.
    conditions.push(Prisma.sql`(e.name ILIKE ${pattern} OR e.headline ILIKE ${pattern}
      OR e."skillIds" && ARRAY(SELECT s.id FROM skill s WHERE s.name ILIKE ${pattern}))`);
  }
  if (search.minRating !== undefined) {
    conditions.push(
      Prisma.sql`e."ratingCount" > 0 AND e."ratingSum" >= ${search.minRating}::numeric * e."ratingCount"`,
    );
  }
  if (search.timesOfDay && search.timesOfDay.length > 0) {
    // Mentors none of whose hours can fall in the chosen parts of the day are never probed.
    const slotsEnd = new Date(
      now.getTime() + (search.availableWithinDays ?? summaryDays) * 86_400_000,
    );
    const hours = utcHoursFor(search.timesOfDay, timezone, now, slotsEnd);
    conditions.push(Prisma.sql`(e."utcHours" & ${hours}::int) <> 0`);
  }
  if (search.availableWithinDays !== undefined) {
    const until = new Date(now.getTime() + search.availableWithinDays * 86_400_000);
    // The summary's span first (an index range: mentors with no slot are never visited), then
    // the exact next slot.
    conditions.push(Prisma.sql`e."firstStartsAt" < ${until} AND e."lastStartsAt" >= ${now}`);
    conditions.push(Prisma.sql`m_next.next_at < ${until}`);
  } else if (search.timesOfDay && search.timesOfDay.length > 0) {
    conditions.push(Prisma.sql`e."lastStartsAt" >= ${now}`);
    conditions.push(Prisma.sql`m_next.next_at IS NOT NULL`);
  }
  if (conditions.length === 0) conditions.push(Prisma.sql`true`);
  return conditions;
}

/**
 * The first free start of a mentor within [now + their notice, slotsEnd), or null; over `e`.
 * Without a time-of-day filter the summary's first starts (kept on the entry) hold
 * the answer whenever the last of them is past the notice (the common case: the summary was
 * computed with the same notice, at most 70 minutes ago), so most mentors cost no slot read;
 * otherwise one index probe on directory_slot's primary key.
 * With a time-of-day filter, the mentor's slots in order up to the first within the chosen hours
 * (`tod`, see timeOfDayRangesSql: one containment test a slot instead of a zone conversion).
 */
function nextSlotSql(search: DirectorySearch, now: Date, slotsEnd: Date): Prisma.Sql {
  const earliest = Prisma.sql`(${now}::timestamp + e."minNoticeMinutes" * interval '1 minute')`;
  if (search.timesOfDay && search.timesOfDay.length > 0) {
    // The summary's first start when it is past the notice and in the chosen hours; otherwise
    // the mentor's slots in order from the earliest, up to the first in the chosen hours.
    return Prisma.sql`CASE WHEN NOT e."acceptingBookings" OR e."firstStartsAt" IS NULL THEN NULL
      WHEN e."firstStartsAt" >= ${earliest} AND e."firstStartsAt" <@ (SELECT tod.hours FROM tod)
        THEN CASE WHEN e."firstStartsAt" < ${slotsEnd}::timestamp THEN e."firstStartsAt" END
      ELSE (SELECT min(ds."startsAt") FROM directory_slot ds
        WHERE ds."mentorId" = e."mentorId" AND ds."startsAt" >= ${earliest}
          AND ds."startsAt" < ${slotsEnd}::timestamp
          AND ds."startsAt" <@ (SELECT tod.hours FROM tod)) END`;
  }
  // The summary's first starts (leadStarts, in order) hold the answer when the last of them is
  // past the notice: the first of them that is; the first itself, most often (no subplan).
  return Prisma.sql`CASE WHEN NOT e."acceptingBookings" OR e."firstStartsAt" IS NULL THEN NULL
    WHEN e."leadStarts"[1] >= ${earliest}
      THEN CASE WHEN e."leadStarts"[1] < ${slotsEnd}::timestamp THEN e."leadStarts"[1] END
    WHEN e."leadStarts"[cardinality(e."leadStarts")] >= ${earliest}
      THEN (SELECT CASE WHEN min(lead) < ${slotsEnd}::timestamp THEN min(lead) END
        FROM unnest(e."leadStarts") AS lead WHERE lead >= ${earliest})
    ELSE (SELECT min(ds."startsAt") FROM directory_slot ds
      WHERE ds."mentorId" = e."mentorId" AND ds."startsAt" >= ${earliest}
        AND ds."startsAt" < ${slotsEnd}::timestamp) END`;
}

/**
 * The viewer's chosen hours as UTC ranges, one per part of each local day the window touches
 * (a slot row is the first start of its hour, so "starts at these hours" is "starts within these
 * ranges"). Postgres turns local hours into instants with the zone's rules (DST included).
 */
function timeOfDayRangesSql(
  timesOfDay: readonly TimeOfDay[] | undefined,
  timezone: string,
  now: Date,
  slotsEnd: Date,
): Prisma.Sql {
  if (!timesOfDay || timesOfDay.length === 0) return Prisma.empty;
  const parts = [...new Set(timesOfDay)].map((part) => {
    const [from, to] = timeOfDayHours[part];
    return Prisma.sql`(${from}::int, ${to}::int)`;
  });
  // Local midnights as timestamps without zone (a date would make generate_series use timestamptz).
  const local = (date: Date) =>
    Prisma.sql`((${date}::timestamp AT TIME ZONE 'UTC') AT TIME ZONE ${timezone})::date::timestamp`;
  const instant = (hours: Prisma.Sql) =>
    Prisma.sql`((d.day + ${hours} * interval '1 hour') AT TIME ZONE ${timezone}) AT TIME ZONE 'UTC'`;
  return Prisma.sql`tod AS MATERIALIZED (
      SELECT range_agg(tsrange(${instant(Prisma.sql`p.f`)}, ${instant(Prisma.sql`p.t`)})) AS hours
      FROM generate_series(${local(now)}, ${local(slotsEnd)}, interval '1 day') AS d(day)
      CROSS JOIN (VALUES ${Prisma.join(parts)}) AS p(f, t)
    ),`;
}

const ALL_HOURS = 0xffffff;

/**
 * The UTC hours (bit h, as directory_slot_refresh.utcHours) at which a start can fall in the
 * viewer's chosen parts of the day, over every offset the zone has between `from` and `to`
 * (a DST change in the window counts both; a zone offset by 30 or 45 minutes sets both
 * neighbouring hours). A superset: the exact test is on each slot (timeOfDayRangesSql).
 */
export function utcHoursFor(
  timesOfDay: readonly TimeOfDay[],
  timezone: string,
  from: Date,
  to: Date,
): number {
  if (!IANAZone.isValidZone(timezone)) return ALL_HOURS;
  const zone = IANAZone.create(timezone);
  const offsets = new Set<number>();
  for (let at = from.getTime(); at < to.getTime() + 6 * HOUR_MS; at += 6 * HOUR_MS) {
    offsets.add(zone.offset(at));
  }
  const parts = [...new Set(timesOfDay)].map((part) => timeOfDayHours[part]);
  let mask = 0;
  for (const offset of offsets) {
    for (let hour = 0; hour < 24; hour += 1) {
      // The hour's local minutes, [start, start + 60) modulo a day.
      const start = (((hour * 60 + offset) % 1440) + 1440) % 1440;
      const spans: [number, number][] =
        start + 60 <= 1440
          ? [[start, start + 60]]
          : [
              [start, 1440],
              [0, start + 60 - 1440],
            ];
      const meets = parts.some(([f, t]) => spans.some(([a, b]) => a < t * 60 && f * 60 < b));
      if (meets) mask |= 1 << hour;
    }
  }
  return mask;
}

/** The ascending sort key of each sort (ties: name, then id). Numeric, so a cursor holds it exactly. */
function sortKeyOf(search: DirectorySearch): Prisma.Sql {
  switch (search.sort ?? "relevance") {
    case "rating":
      return Prisma.sql`e."ratingKey"`;
    case "price":
      return Prisma.sql`COALESCE((SELECT min(${priceOf(Prisma.sql`p`)}) FROM unnest(e.prices) p
        WHERE left(p, 3) = ${search.currency ?? defaultSortCurrency})::numeric, ${LAST}::numeric)`;
    case "soonest":
      return Prisma.sql`COALESCE(EXTRACT(EPOCH FROM m_next.next_at)::numeric, ${LAST}::numeric)`;
    case "relevance": {
      // Without text: the better rated first, the order of the entry's (ratingKey, name) index.
      if (!search.q) return Prisma.sql`e."ratingKey"`;
      // A name that starts with the text, then one that holds it, then headline or skill; the
      // better rated first within each.
      const prefix = `${escapeLike(search.q)}%`;
      const inside = `%${escapeLike(search.q)}%`;
      return Prisma.sql`((CASE WHEN e.name ILIKE ${prefix} THEN 0 WHEN e.name ILIKE ${inside} THEN 1
        ELSE 2 END) * 10 + e."ratingKey")`;
    }
  }
}

/**
 * The cursor's row (key, name, id): the page starts after it, or ends before it (`before`: the
 * Previous page, read in reverse order from the same index).
 */
export interface DirectoryAfter {
  k: string;
  name: string;
  id: string;
  before?: boolean;
}

interface Row {
  id: string | null;
  name: string | null;
  k: string | null;
  next_at: Date | null;
  total: bigint;
  full_name: string | null;
  avatar_version: string | null;
  headline: string | null;
  languages: string[] | null;
  prices: string[] | null;
  rating_count: number | null;
  rating_sum: number | null;
  accepting_bookings: boolean | null;
  skills: { slug: string; name: string }[] | null;
}

/**
 * The search's one statement (exported for EXPLAIN in the bench notes). `m`: the first
 * directoryTotalCap + 1 matches in any order (the cheapest the planner finds), so the count is
 * exact up to the cap and "100+" above it. Up to the cap `m` holds every match and the page is
 * sorted from it; past the cap (a one-time filter picks the branch) the page is read from
 * directory_entry in its order to its LIMIT (with no filter, an index range of the default
 * order). Either way a search reads a bounded number of rows whatever the number of mentors.
 * Always one row at least (the count), the page's rows joined to it (id null for none).
 */
export function directorySearchSql(
  search: DirectorySearch,
  after: DirectoryAfter | undefined,
  { now, timezone }: { now: Date; timezone: string },
): Prisma.Sql {
  // With a window, a mentor's slots past it are never read (a time-of-day filter scans hours
  // until the first that fits: bounded by the window, not by the whole summary).
  const slotsEnd = new Date(
    now.getTime() + (search.availableWithinDays ?? summaryDays) * 86_400_000,
  );
  const conditions = Prisma.join(conditionsOf(search, now, timezone), " AND ");
  const key = sortKeyOf(search);
  const comparison = after?.before ? Prisma.raw("<") : Prisma.raw(">");
  const afterOf = (k: Prisma.Sql, alias: string) =>
    after
      ? Prisma.sql`AND (${k}, ${Prisma.raw(alias)}.name, ${Prisma.raw(alias)}."mentorId") ${comparison} (${after.k}::numeric, ${after.name}, ${after.id})`
      : Prisma.empty;
  const order = after?.before ? Prisma.raw("DESC") : Prisma.raw("ASC");
  const next = Prisma.sql`CROSS JOIN LATERAL (SELECT ${nextSlotSql(search, now, slotsEnd)} AS next_at) m_next`;
  // When "next available" filters or orders, it is computed with the matches; else only for
  // the page's rows, after the LIMIT (decision 067).
  const decides = nextStartDecides(search);
  const matches = decides
    ? Prisma.sql`SELECT e.*, ${key} AS k, m_next.next_at FROM directory_entry e ${next}`
    : Prisma.sql`SELECT e.*, ${key} AS k FROM directory_entry e`;
  const pageLimit = search.limit + 1;
  return Prisma.sql`
    WITH ${decides ? timeOfDayRangesSql(search.timesOfDay, timezone, now, slotsEnd) : Prisma.empty}
    m AS MATERIALIZED (${matches} WHERE ${conditions} LIMIT ${directoryTotalCap + 1}),
    c AS (SELECT count(*) AS total FROM m),
    page AS (
      (SELECT * FROM m WHERE (SELECT total FROM c) <= ${directoryTotalCap} ${afterOf(Prisma.sql`m.k`, "m")}
        ORDER BY m.k ${order}, m.name ${order}, m."mentorId" ${order} LIMIT ${pageLimit})
      UNION ALL
      (${matches} WHERE (SELECT total FROM c) > ${directoryTotalCap} AND ${conditions}
        ${afterOf(key, "e")}
        ORDER BY k ${order}, e.name ${order}, e."mentorId" ${order} LIMIT ${pageLimit})
    )
    SELECT e."mentorId" AS id, e.name, e.k::text AS k,
      ${decides ? Prisma.sql`e.next_at` : Prisma.sql`m_next.next_at`}, c.total,
      -- The page's cards from the entry and one user row each (decision 071: no more reads).
      u.name AS full_name, u."avatarVersion" AS avatar_version, e.headline, e.languages,
      e.prices, e."ratingCount" AS rating_count, e."ratingSum" AS rating_sum,
      e."acceptingBookings" AS accepting_bookings,
      (SELECT COALESCE(json_agg(json_build_object('slug', s.slug, 'name', s.name) ORDER BY s.name),
        '[]'::json) FROM skill s WHERE s.id = ANY(e."skillIds")) AS skills
    FROM c LEFT JOIN ${decides ? Prisma.sql`page e` : Prisma.sql`(page e ${next})`} ON true
    LEFT JOIN "user" u ON u.id = e."mentorId"
    ORDER BY e.k ${order}, e.name ${order}, e."mentorId" ${order}`;
}

/** Whether "next available" filters the mentors or orders them (else it is only shown). */
function nextStartDecides(search: DirectorySearch): boolean {
  return (
    search.availableWithinDays !== undefined ||
    (search.timesOfDay !== undefined && search.timesOfDay.length > 0) ||
    search.sort === "soonest"
  );
}

/**
 * The public mentor directory: listed mentors matching every filter, in the chosen order, with
 * keyset pagination and the total count. Availability (window, time of day, "next available",
 * soonest) is read from the directory_slot summary (decision 048), never computed here, so a
 * search costs the same however many slots the mentors have.
 */
export async function searchDirectory(
  db: Db,
  search: DirectorySearch,
  {
    now = new Date(),
    timezone = "UTC",
    logger,
  }: { now?: Date; timezone?: string; logger?: Logger } = {},
): Promise<DirectoryPage> {
  const sort = search.sort ?? "relevance";
  let after: DirectoryAfter | undefined;
  if (search.cursor) {
    const [cursorSort = "", k = "", name = "", id = ""] = decodeCursor(search.cursor, 4);
    const before = cursorSort.startsWith(beforePrefix);
    // A cursor of another sort would skip or repeat mentors.
    if (
      (before ? cursorSort.slice(beforePrefix.length) : cursorSort) !== sort ||
      !/^-?\d+(\.\d+)?(e\d+)?$/.test(k)
    ) {
      throw new AppError("BAD_REQUEST", { reason: "INVALID_CURSOR" });
    }
    after = { k, name, id, before };
  }
  await fillMissingSummaries(db, { now, logger });
  const rows = await db.$queryRaw<Row[]>(directorySearchSql(search, after, { now, timezone }));

  // Counted up to one past the cap: exact below it, "100+" (capped) above (decision 071).
  const counted = Number(rows[0]?.total ?? 0);
  const totalIsCapped = counted > directoryTotalCap;
  const total = Math.min(counted, directoryTotalCap);
  const found = rows.filter((row): row is Row & { id: string; name: string; k: string } =>
    Boolean(row.id),
  );
  // Read backwards for a Previous page: the rows nearest the cursor first.
  const page = after?.before
    ? found.slice(0, search.limit).reverse()
    : found.slice(0, search.limit);
  const more = found.length > search.limit;
  const first = page[0];
  const last = page.at(-1);
  // Going back, the cursor's row is after the page; going forward, a cursor's page has rows
  // before it.
  const nextCursor =
    last && (after?.before || more) ? encodeCursor([sort, last.k, last.name, last.id]) : null;
  const prevCursor =
    first && (after?.before ? more : after !== undefined)
      ? encodeCursor([`${beforePrefix}${sort}`, first.k, first.name, first.id])
      : null;

  const items: DirectoryMentor[] = [];
  for (const row of page) {
    try {
      items.push(toDirectoryMentor(row));
    } catch (err) {
      // One mentor's broken row must not fail the page for every visitor.
      logger?.error(
        { err, mentorId: row.id },
        "directory: mentor skipped, their data could not be read",
      );
    }
  }
  return { items, nextCursor, prevCursor, total, totalIsCapped };
}

/** A card from the statement's row: the entry's columns and the user's name and avatar. */
function toDirectoryMentor(row: Row & { id: string }): DirectoryMentor {
  const ratingCount = row.rating_count ?? 0;
  return {
    id: row.id,
    name: row.full_name ?? row.name ?? "",
    headline: row.headline,
    languages: row.languages ?? [],
    skills: row.skills ?? [],
    avatarUrl: avatarUrl({ id: row.id, avatarVersion: row.avatar_version }, 256),
    paused: row.accepting_bookings === false,
    prices: priceRangesOf((row.prices ?? []).map(optionPriceOf)),
    rating:
      ratingCount > 0
        ? {
            average: Math.round(((row.rating_sum ?? 0) / ratingCount) * 10) / 10,
            count: ratingCount,
          }
        : null,
    nextAvailableAt: row.next_at ? row.next_at.toISOString() : null,
  };
}

/** One of directory_entry.prices ("EUR:0000005000") as the option's currency and price. */
function optionPriceOf(price: string): { currency: string; priceMinor: number } {
  return { currency: price.slice(0, 3), priceMinor: Number(price.slice(4)) };
}
