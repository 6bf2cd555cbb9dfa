import type { Db, Prisma } from "@mentora/db";
import type { Pool } from "pg";
import {
  computeSlots,
  type DateOverride,
  type IsoWeekday,
  isKnownTimeZone,
  localDateOf,
  type Slot,
  type SlotQuery,
  wallTimeToInstant,
} from "./slots/index.ts";

/**
 * Bookings that hold a place: a held one until its expiry, a confirmed one until the end.
 * Declared here, below bookings (which re-exports it), so availability needs nothing of bookings.
 */
export const liveBookingStatuses = ["PENDING_PAYMENT", "CONFIRMED"] as const;

type Reader = Db | Prisma.TransactionClient;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The longest a session can block its mentor from its start: an invitation lasts at most
 * 1,440 minutes and a buffer 120 (invitations, mentor settings), 26 h; doubled for room. The
 * sessions read starts this far before the range, so a mentor's past years are never read
 * (decision 067). Holding a slot still probes for overlaps without this bound.
 */
export const maxSessionBlockMs = 2 * 26 * HOUR_MS;

/**
 * The mentor's zone, or UTC when the stored value is unknown (a row written around the
 * profile's validation, or a zone a newer tz database dropped): one bad row must not break
 * the search and the mentor page for every visitor.
 */
export function mentorZoneOf(timezone: string | null | undefined): string {
  return timezone && isKnownTimeZone(timezone) ? timezone : "UTC";
}

/** The option with everything that decides whether it can be booked. */
export async function loadBookableOption(db: Reader, optionId: string) {
  return db.offeringOption.findUnique({
    where: { id: optionId },
    include: {
      offering: {
        include: {
          mentor: {
            select: {
              id: true,
              name: true,
              email: true,
              timezone: true,
              role: true,
              mentorProfile: true,
            },
          },
        },
      },
    },
  });
}

export type BookableOption = NonNullable<Awaited<ReturnType<typeof loadBookableOption>>>;

/** What decides whether an option can be booked (a BookableOption, or the calendar's one row). */
interface BookabilityFacts {
  archivedAt: Date | null;
  offering: {
    status: string;
    mentor: { role: string; mentorProfile: { status: string; acceptingBookings: boolean } | null };
  };
}

/** Why an option cannot be booked at all, or null when it can. */
export function unbookableReason(
  option: BookabilityFacts | null,
): "OFFERING_UNAVAILABLE" | "MENTOR_NOT_ACCEPTING" | null {
  const profile = option?.offering.mentor.mentorProfile;
  if (!option || option.archivedAt || option.offering.status !== "ACTIVE") {
    return "OFFERING_UNAVAILABLE";
  }
  // Demoted to mentee: unlisted and unbookable, whatever the profile says.
  if (profile?.status !== "APPROVED" || option.offering.mentor.role === "MENTEE") {
    return "OFFERING_UNAVAILABLE";
  }
  if (!profile.acceptingBookings) return "MENTOR_NOT_ACCEPTING";
  return null;
}

/** Everything but the range that computeSlots needs for one option: the mentor's rows, read once. */
export type SlotSources = Omit<SlotQuery, "from" | "to" | "now" | "firstPerDayIn">;

/**
 * The slots of one offering option in [from, to), from the mentor's rules, overrides, settings,
 * live sessions and the busy times cached from their Google Calendar (`calendar_busy`, kept
 * fresh by the calendars domain: read here as a table, so every caller of the slots gets them).
 */
export async function offeredSlots(
  db: Reader,
  option: BookableOption,
  range: { from: Date; to: Date; now: Date },
): Promise<Slot[]> {
  const sources = await loadSlotSources(db, option, range);
  return sources ? computeSlots({ ...sources, ...range }) : [];
}

/**
 * A month calendar of one option in [from, to) seen from `timeZone`: the days with a free slot
 * (only each day's first slot is computed) and the full times of one day (`date`, else the
 * first free day), from ONE read of the mentor's rows.
 */
export async function offeredSlotCalendar(
  db: Reader,
  option: BookableOption,
  range: CalendarRange,
): Promise<SlotCalendar> {
  const sources = await loadSlotSources(db, option, range);
  return sources ? slotCalendarOf(sources, range) : { freeDays: [], date: null, times: [] };
}

type CalendarRange = { from: Date; to: Date; now: Date; timeZone: string; date?: string | null };
type SlotCalendar = { freeDays: string[]; date: string | null; times: Slot[] };

/** The month's marks (first slot per day) and one day's full times, from sources read once. */
export function slotCalendarOf(sources: SlotSources, range: CalendarRange): SlotCalendar {
  const { from, to, now, timeZone } = range;
  const marks = computeSlots({ ...sources, from, to, now, firstPerDayIn: timeZone });
  const freeDays = marks.map((slot) => localDateOf(slot.startMs, timeZone));
  const date = range.date ?? freeDays[0] ?? null;
  if (!date || !freeDays.includes(date)) return { freeDays, date, times: [] };
  // The day's instants, widened by the largest daylight-saving shift: the filter cuts exactly.
  const dayStart = wallTimeToInstant(timeZone, date, 0, "earlier") - 3 * HOUR_MS;
  const dayEnd = wallTimeToInstant(timeZone, date, 1440, "later") + 3 * HOUR_MS;
  const times = computeSlots({
    ...sources,
    from: new Date(Math.max(from.getTime(), dayStart)),
    to: new Date(Math.min(to.getTime(), dayEnd)),
    now,
  }).filter((slot) => localDateOf(slot.startMs, timeZone) === date);
  return { freeDays, date, times };
}

/** One row of `readSlotCalendarSources`: the option's facts and the mentor's slot sources. */
interface CalendarSourcesRow extends SlotSourceRow {
  archived: boolean;
  offeringStatus: string;
  kind: string;
  capacity: number;
  durationMinutes: number;
  mentorId: string;
  timezone: string | null;
  role: string;
  profileStatus: string | null;
  acceptingBookings: boolean | null;
  bufferMinutes: number | null;
  minNoticeMinutes: number | null;
  horizonDays: number | null;
  googleConnected: boolean;
  busyFetchedAtMs: number | null;
}

export type SlotCalendarRead =
  | { reason: "OFFERING_UNAVAILABLE" | "MENTOR_NOT_ACCEPTING" }
  | {
      reason: null;
      mentorId: string;
      /** The mentor's Google Calendar is connected: when its busy times were last fetched. */
      google: { busyFetchedAt: Date | null } | null;
      sources: SlotSources;
    };

/** Milliseconds since the epoch of a `timestamp` column (stored as UTC). */
const epochMs = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
/** A parameter given as an ISO instant, as the `timestamp(3)` (UTC) columns hold it. */
const utc = (parameter: string) => `${parameter}::timestamp(3)`;
/** Constants, not input: inlined so the planner matches the partial index of live places. */
const liveStatusesSql = liveBookingStatuses.map((status) => `'${status}'`).join(", ");

/**
 * The mentor's rows the slots of [from, to) are made of, as the four JSON columns of one
 * SELECT (decisions 077, 078), shared by the slot read and the scheduler month's statement.
 * Each part reads only the mentor's rows by its key (the sessions: a range of
 * `(mentorId, startsAt)` from `maxSessionBlockMs` before the range, decision 067); the seats
 * taken are counted for the group option's own sessions only, through the partial index of
 * live places (`booking_live_participant`): a count over the platform's live bookings is what
 * issue #14 started from. Arguments are SQL expressions (parameters or the joined row's columns).
 */
function slotSourceColumns(sql: {
  mentorId: string;
  /** The option whose sessions' seats are counted: NULL unless a group option. */
  groupOptionId: string;
  from: string;
  to: string;
  sessionsFrom: string;
}): string {
  const { mentorId, groupOptionId, from, to, sessionsFrom } = sql;
  return `(SELECT coalesce(json_agg(json_build_array(r.weekday, r."startMinute", r."endMinute")), '[]')
        FROM availability_rule r WHERE r."mentorId" = ${mentorId}) AS rules,
      (SELECT coalesce(json_agg(json_build_array(to_char(v.date, 'YYYY-MM-DD'), v.kind::text,
          v."startMinute", v."endMinute")), '[]')
        FROM availability_override v
        WHERE v."mentorId" = ${mentorId} AND v.date >= ${from}::date
          AND v.date <= ${to}::date) AS overrides,
      (SELECT coalesce(json_agg(json_build_array(s.id, s."optionId", ${epochMs('s."startsAt"')},
          ${epochMs('s."endsAt"')}, s.capacity,
          CASE WHEN s."optionId" = ${groupOptionId} THEN
            (SELECT count(*)::int FROM booking b
              WHERE b."sessionId" = s.id AND b.status IN (${liveStatusesSql}))
          END)), '[]')
        FROM mentoring_session s
        WHERE s."mentorId" = ${mentorId} AND s.status = 'SCHEDULED'
          AND s."startsAt" >= ${sessionsFrom} AND s."startsAt" < ${to}
          AND s."blockedUntil" > ${from}) AS sessions,
      (SELECT coalesce(json_agg(json_build_array(${epochMs('c."startsAt"')},
          ${epochMs('c."endsAt"')})), '[]')
        FROM calendar_busy c
        WHERE c."mentorId" = ${mentorId} AND c."startsAt" < ${to}
          AND c."endsAt" > ${from}) AS busy`;
}

/** The slot read's statement: $1 mentor, $2 group option or NULL, $3 from, $4 to, $5 sessions from. */
const slotSourcesText = `SELECT ${slotSourceColumns({
  mentorId: "$1",
  groupOptionId: "$2::text",
  from: utc("$3"),
  to: utc("$4"),
  sessionsFrom: utc("$5"),
})}`;

/** The slot read's one statement for [wideFrom, wideTo), with its parameters. */
export function slotSourcesQuery(
  mentorId: string,
  groupOptionId: string | null,
  wideFrom: Date,
  wideTo: Date,
): { text: string; values: (string | null)[] } {
  const sessionsFrom = new Date(wideFrom.getTime() - maxSessionBlockMs);
  return {
    text: slotSourcesText,
    values: [
      mentorId,
      groupOptionId,
      wideFrom.toISOString(),
      wideTo.toISOString(),
      sessionsFrom.toISOString(),
    ],
  };
}

/**
 * A named statement (prepared once per connection, planned like any other after that): its
 * five subqueries cost more to plan than to run (decision 078).
 */
const calendarSourcesStatement = {
  name: "slot-calendar-sources",
  text: `SELECT (o."archivedAt" IS NOT NULL) AS archived, f.status::text AS "offeringStatus",
      f.kind::text AS kind, f.capacity, o."durationMinutes", u.id AS "mentorId", u.timezone,
      u.role::text AS role, p.status::text AS "profileStatus", p."acceptingBookings",
      p."bufferMinutes", p."minNoticeMinutes", p."horizonDays",
      (g.status IS NOT NULL AND g.status = 'CONNECTED') AS "googleConnected",
      ${epochMs('g."busyFetchedAt"')} AS "busyFetchedAtMs",
      ${slotSourceColumns({
        mentorId: "u.id",
        groupOptionId: "(CASE WHEN f.kind = 'GROUP' THEN o.id END)",
        from: utc("$2"),
        to: utc("$3"),
        sessionsFrom: utc("$4"),
      })}
    FROM offering_option o
    JOIN offering f ON f.id = o."offeringId"
    JOIN "user" u ON u.id = f."mentorId"
    LEFT JOIN mentor_profile p ON p."userId" = u.id
    LEFT JOIN google_calendar_connection g ON g."mentorId" = u.id
    WHERE o.id = $1`,
};

/**
 * The scheduler month's reads in ONE statement (decision 078): the option, offering, mentor and
 * profile that decide whether it can be booked, the Google connection's freshness, and the
 * mentor's rules, overrides, live sessions (with a group option's seats taken) and busy times
 * over [from, to) widened by a day, exactly as `loadSlotSources` reads them (nine statements
 * there, in five round trips).
 */
export async function readSlotCalendarSources(
  pool: Pick<Pool, "query">,
  optionId: string,
  range: { from: Date; to: Date },
): Promise<SlotCalendarRead> {
  const wideFrom = new Date(range.from.getTime() - DAY_MS);
  const wideTo = new Date(range.to.getTime() + DAY_MS);
  const sessionsFrom = new Date(wideFrom.getTime() - maxSessionBlockMs);
  const { rows } = await pool.query<CalendarSourcesRow>({
    ...calendarSourcesStatement,
    values: [optionId, wideFrom.toISOString(), wideTo.toISOString(), sessionsFrom.toISOString()],
  });
  const row = rows[0];
  const profile =
    row?.profileStatus != null
      ? { status: row.profileStatus, acceptingBookings: row.acceptingBookings === true }
      : null;
  const reason = unbookableReason(
    row
      ? {
          archivedAt: row.archived ? new Date(0) : null,
          offering: {
            status: row.offeringStatus,
            mentor: { role: row.role, mentorProfile: profile },
          },
        }
      : null,
  );
  if (reason || !row) return { reason: reason ?? "OFFERING_UNAVAILABLE" };
  return {
    reason: null,
    mentorId: row.mentorId,
    google: row.googleConnected
      ? { busyFetchedAt: row.busyFetchedAtMs === null ? null : new Date(row.busyFetchedAtMs) }
      : null,
    sources: slotSourcesOf(row, {
      timezone: row.timezone,
      durationMinutes: row.durationMinutes,
      bufferMinutes: row.bufferMinutes ?? 0,
      minNoticeMinutes: row.minNoticeMinutes ?? 0,
      horizonDays: row.horizonDays ?? 0,
      acceptingBookings: row.acceptingBookings === true,
      groupCapacity: row.kind === "GROUP" ? row.capacity : null,
    }),
  };
}

/**
 * The mentor's rows the slots of [from, to) are made of, or null when the option cannot be
 * booked. Busy times are read a day wider than the range so that buffers at the edges count.
 */
async function loadSlotSources(
  db: Reader,
  option: BookableOption,
  range: { from: Date; to: Date },
): Promise<SlotSources | null> {
  const { offering } = option;
  const mentor = offering.mentor;
  const profile = mentor.mentorProfile;
  if (unbookableReason(option) || !profile) return null;
  const wideFrom = new Date(range.from.getTime() - DAY_MS);
  const wideTo = new Date(range.to.getTime() + DAY_MS);

  // ONE statement, one round trip (decision 077).
  const isGroup = offering.kind === "GROUP";
  const query = slotSourcesQuery(mentor.id, isGroup ? option.id : null, wideFrom, wideTo);
  const [row] = await db.$queryRawUnsafe<SlotSourceRow[]>(query.text, ...query.values);
  return slotSourcesOf(row ?? { rules: [], overrides: [], sessions: [], busy: [] }, {
    timezone: mentor.timezone,
    durationMinutes: option.durationMinutes,
    bufferMinutes: profile.bufferMinutes,
    minNoticeMinutes: profile.minNoticeMinutes,
    horizonDays: profile.horizonDays,
    acceptingBookings: profile.acceptingBookings,
    groupCapacity: isGroup ? offering.capacity : null,
  });
}

/**
 * The slot sources from the statement's lists and the option's settings. A group option's own
 * sessions are those whose seats were counted.
 */
function slotSourcesOf(
  row: SlotSourceRow,
  settings: Pick<
    SlotSources,
    "durationMinutes" | "bufferMinutes" | "minNoticeMinutes" | "horizonDays" | "acceptingBookings"
  > & { timezone: string | null; groupCapacity: number | null },
): SlotSources {
  const { timezone, groupCapacity, ...rest } = settings;
  return {
    ...rest,
    timezone: mentorZoneOf(timezone),
    rules: row.rules.map(([weekday, startMinute, endMinute]) => ({
      weekday: weekday as IsoWeekday,
      startMinute,
      endMinute,
    })),
    overrides: row.overrides.map(
      ([date, kind, startMinute, endMinute]): DateOverride => ({
        date,
        kind: kind === "AVAILABLE" ? "available" : "unavailable",
        ...(startMinute === null ? {} : { startMinute }),
        ...(endMinute === null ? {} : { endMinute }),
      }),
    ),
    busy: [
      ...row.sessions.map(([, , start, end]) => ({ start: new Date(start), end: new Date(end) })),
      ...row.busy.map(([start, end]) => ({ start: new Date(start), end: new Date(end) })),
    ],
    ...(groupCapacity !== null
      ? {
          capacity: groupCapacity,
          groupSessions: row.sessions
            .filter((session) => session[5] !== null)
            .map(([sessionId, , start, end, capacity, seatsTaken]) => ({
              sessionId,
              start: new Date(start),
              end: new Date(end),
              capacity,
              seatsTaken: seatsTaken ?? 0,
            })),
        }
      : {}),
  };
}

/**
 * What the slot statement returns: one row of four JSON arrays of tuples, instants as epoch
 * milliseconds. A session is [id, optionId, startsAt, endsAt, capacity, live seats or null]:
 * seats are counted only for the group option's own sessions.
 */
type SlotSourceRow = {
  rules: [weekday: number, startMinute: number, endMinute: number][];
  overrides: [date: string, kind: string, startMinute: number | null, endMinute: number | null][];
  sessions: [
    id: string,
    optionId: string,
    startsAt: number,
    endsAt: number,
    capacity: number,
    seatsTaken: number | null,
  ][];
  busy: [startsAt: number, endsAt: number][];
};
