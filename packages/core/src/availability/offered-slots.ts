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

/** One row of `readSlotCalendarSources`: lists as JSON arrays, instants as epoch milliseconds. */
interface CalendarSourcesRow {
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
  /** [weekday, startMinute, endMinute] */
  rules: [number, number, number][];
  /** [date, kind, startMinute, endMinute] */
  overrides: [string, string, number | null, number | null][];
  /** [id, startMs, endMs, capacity, seatsTaken (the option's own sessions of a group, else null)] */
  sessions: [string, number, number, number, number | null][];
  /** [startMs, endMs] */
  busy: [number, number][];
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
/** A parameter given as an ISO instant, as the `timestamp` (UTC) columns hold it. */
const utc = (parameter: string) => `(${parameter}::timestamptz AT TIME ZONE 'UTC')`;

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
      (SELECT coalesce(json_agg(json_build_array(r.weekday, r."startMinute", r."endMinute")), '[]')
        FROM availability_rule r WHERE r."mentorId" = u.id) AS rules,
      (SELECT coalesce(json_agg(json_build_array(to_char(v.date, 'YYYY-MM-DD'), v.kind::text,
          v."startMinute", v."endMinute")), '[]')
        FROM availability_override v
        WHERE v."mentorId" = u.id AND v.date >= ${utc("$2")}::date
          AND v.date <= ${utc("$3")}::date) AS overrides,
      (SELECT coalesce(json_agg(json_build_array(s.id, ${epochMs('s."startsAt"')},
          ${epochMs('s."endsAt"')}, s.capacity,
          CASE WHEN f.kind = 'GROUP' AND s."optionId" = o.id THEN
            (SELECT count(*)::int FROM booking b
              WHERE b."sessionId" = s.id AND b.status IN ('PENDING_PAYMENT', 'CONFIRMED'))
          END)), '[]')
        FROM mentoring_session s
        WHERE s."mentorId" = u.id AND s.status = 'SCHEDULED'
          AND s."startsAt" >= ${utc("$4")} AND s."startsAt" < ${utc("$3")}
          AND s."blockedUntil" > ${utc("$2")}) AS sessions,
      (SELECT coalesce(json_agg(json_build_array(${epochMs('c."startsAt"')},
          ${epochMs('c."endsAt"')})), '[]')
        FROM calendar_busy c
        WHERE c."mentorId" = u.id AND c."startsAt" < ${utc("$3")}
          AND c."endsAt" > ${utc("$2")}) AS busy
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
  const isGroup = row.kind === "GROUP";
  return {
    reason: null,
    mentorId: row.mentorId,
    google: row.googleConnected
      ? { busyFetchedAt: row.busyFetchedAtMs === null ? null : new Date(row.busyFetchedAtMs) }
      : null,
    sources: {
      timezone: mentorZoneOf(row.timezone),
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
      durationMinutes: row.durationMinutes,
      bufferMinutes: row.bufferMinutes ?? 0,
      minNoticeMinutes: row.minNoticeMinutes ?? 0,
      horizonDays: row.horizonDays ?? 0,
      acceptingBookings: row.acceptingBookings === true,
      busy: [
        ...row.sessions.map(([, start, end]) => ({ start: new Date(start), end: new Date(end) })),
        ...row.busy.map(([start, end]) => ({ start: new Date(start), end: new Date(end) })),
      ],
      ...(isGroup
        ? {
            capacity: row.capacity,
            groupSessions: row.sessions
              .filter((session) => session[4] !== null)
              .map(([sessionId, start, end, capacity, seatsTaken]) => ({
                sessionId,
                start: new Date(start),
                end: new Date(end),
                capacity,
                seatsTaken: seatsTaken ?? 0,
              })),
          }
        : {}),
    },
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

  const [rules, overrides, sessions, externalBusy] = await Promise.all([
    db.availabilityRule.findMany({ where: { mentorId: mentor.id } }),
    db.availabilityOverride.findMany({
      where: { mentorId: mentor.id, date: { gte: wideFrom, lte: wideTo } },
    }),
    db.mentoringSession.findMany({
      where: {
        mentorId: mentor.id,
        status: "SCHEDULED",
        // A range of the (mentorId, startsAt) index: past sessions stay out however many.
        startsAt: { gte: new Date(wideFrom.getTime() - maxSessionBlockMs), lt: wideTo },
        blockedUntil: { gt: wideFrom },
      },
      select: { id: true, optionId: true, startsAt: true, endsAt: true, capacity: true },
    }),
    db.calendarBusy.findMany({
      where: { mentorId: mentor.id, startsAt: { lt: wideTo }, endsAt: { gt: wideFrom } },
      select: { startsAt: true, endsAt: true },
    }),
  ]);

  // Seats taken matter only for a group option's own sessions: count just those, through the
  // booking (sessionId, status) index (a relation _count would aggregate every live booking on
  // the platform before joining).
  const isGroup = offering.kind === "GROUP";
  const ownSessions = isGroup ? sessions.filter((session) => session.optionId === option.id) : [];
  const seatsTaken = new Map<string, number>();
  if (ownSessions.length > 0) {
    const counts = await db.booking.groupBy({
      by: ["sessionId"],
      where: {
        sessionId: { in: ownSessions.map((session) => session.id) },
        status: { in: [...liveBookingStatuses] },
      },
      _count: { _all: true },
    });
    for (const row of counts) seatsTaken.set(row.sessionId, row._count._all);
  }
  return {
    timezone: mentorZoneOf(mentor.timezone),
    rules: rules.map((rule) => ({
      weekday: rule.weekday as IsoWeekday,
      startMinute: rule.startMinute,
      endMinute: rule.endMinute,
    })),
    overrides: overrides.map(
      (override): DateOverride => ({
        date: override.date.toISOString().slice(0, 10),
        kind: override.kind === "AVAILABLE" ? "available" : "unavailable",
        ...(override.startMinute === null ? {} : { startMinute: override.startMinute }),
        ...(override.endMinute === null ? {} : { endMinute: override.endMinute }),
      }),
    ),
    durationMinutes: option.durationMinutes,
    bufferMinutes: profile.bufferMinutes,
    minNoticeMinutes: profile.minNoticeMinutes,
    horizonDays: profile.horizonDays,
    acceptingBookings: profile.acceptingBookings,
    busy: [
      ...sessions.map((session) => ({ start: session.startsAt, end: session.endsAt })),
      ...externalBusy.map((period) => ({ start: period.startsAt, end: period.endsAt })),
    ],
    ...(isGroup
      ? {
          capacity: offering.capacity,
          groupSessions: ownSessions.map((session) => ({
            sessionId: session.id,
            start: session.startsAt,
            end: session.endsAt,
            capacity: session.capacity,
            seatsTaken: seatsTaken.get(session.id) ?? 0,
          })),
        }
      : {}),
  };
}
