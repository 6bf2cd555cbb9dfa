import { type Db, Prisma } from "@mentora/db";
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

/** Why an option cannot be booked at all, or null when it can. */
export function unbookableReason(
  option: BookableOption | null,
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
  range: { from: Date; to: Date; now: Date; timeZone: string; date?: string | null },
): Promise<{ freeDays: string[]; date: string | null; times: Slot[] }> {
  const { from, to, now, timeZone } = range;
  const sources = await loadSlotSources(db, option, range);
  if (!sources) return { freeDays: [], date: null, times: [] };
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

  // ONE statement, one round trip (decision 077): the mentor's rules, overrides, live sessions
  // (with the seats taken of the option's own group sessions) and Google busy times.
  const isGroup = offering.kind === "GROUP";
  const rows = await db.$queryRaw<SlotSourceRow[]>(
    slotSourcesSql(mentor.id, isGroup ? option.id : null, wideFrom, wideTo),
  );
  const row = rows[0];
  const rules = row?.rules ?? [];
  const overrides = row?.overrides ?? [];
  const sessions = row?.sessions ?? [];
  const externalBusy = row?.busy ?? [];
  const ownSessions = isGroup ? sessions.filter((session) => session[1] === option.id) : [];
  return {
    timezone: mentorZoneOf(mentor.timezone),
    rules: rules.map(([weekday, startMinute, endMinute]) => ({
      weekday: weekday as IsoWeekday,
      startMinute,
      endMinute,
    })),
    overrides: overrides.map(
      ([date, kind, startMinute, endMinute]): DateOverride => ({
        date,
        kind: kind === "AVAILABLE" ? "available" : "unavailable",
        ...(startMinute === null ? {} : { startMinute }),
        ...(endMinute === null ? {} : { endMinute }),
      }),
    ),
    durationMinutes: option.durationMinutes,
    bufferMinutes: profile.bufferMinutes,
    minNoticeMinutes: profile.minNoticeMinutes,
    horizonDays: profile.horizonDays,
    acceptingBookings: profile.acceptingBookings,
    busy: [
      ...sessions.map(([, , start, end]) => ({ start: new Date(start), end: new Date(end) })),
      ...externalBusy.map(([start, end]) => ({ start: new Date(start), end: new Date(end) })),
    ],
    ...(isGroup
      ? {
          capacity: offering.capacity,
          groupSessions: ownSessions.map(([sessionId, , start, end, capacity, seatsTaken]) => ({
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
  rules: [weekday: number, startMinute: number, endMinute: number][] | null;
  overrides:
    | [date: string, kind: string, startMinute: number | null, endMinute: number | null][]
    | null;
  sessions:
    | [
        id: string,
        optionId: string,
        startsAt: number,
        endsAt: number,
        capacity: number,
        seatsTaken: number | null,
      ][]
    | null;
  busy: [startsAt: number, endsAt: number][] | null;
};

/**
 * The mentor's rows the slots of [wideFrom, wideTo) are made of, in ONE statement. Each part
 * reads only the mentor's rows by its key (the sessions: a range of `(mentorId, startsAt)`
 * from `maxSessionBlockMs` before the range, decision 067); the seats taken are counted, for
 * the group option's own sessions only, through the partial index of live places
 * (`booking_live_participant`): a count over the platform's live bookings is what issue #14
 * started from. Timestamps are UTC `timestamp(3)` columns: `extract(epoch …)` of one is its
 * UTC instant.
 */
export function slotSourcesSql(
  mentorId: string,
  groupOptionId: string | null,
  wideFrom: Date,
  wideTo: Date,
): Prisma.Sql {
  const lo = new Date(wideFrom.getTime() - maxSessionBlockMs).toISOString();
  const from = wideFrom.toISOString();
  const to = wideTo.toISOString();
  const ms = (column: string) => Prisma.raw(`(extract(epoch FROM ${column}) * 1000)::float8`);
  return Prisma.sql`
    SELECT
      (SELECT json_agg(json_build_array(r.weekday, r."startMinute", r."endMinute"))
        FROM availability_rule r WHERE r."mentorId" = ${mentorId}) AS rules,
      (SELECT json_agg(json_build_array(to_char(o.date, 'YYYY-MM-DD'), o.kind, o."startMinute",
          o."endMinute"))
        FROM availability_override o
        WHERE o."mentorId" = ${mentorId}
          AND o.date >= ${from.slice(0, 10)}::date AND o.date <= ${to.slice(0, 10)}::date) AS overrides,
      (SELECT json_agg(json_build_array(s.id, s."optionId", ${ms('s."startsAt"')},
          ${ms('s."endsAt"')}, s.capacity,
          CASE WHEN s."optionId" = ${groupOptionId}::text THEN (
            SELECT count(*)::int FROM booking b
            WHERE b."sessionId" = s.id
              AND b.status = ANY(${[...liveBookingStatuses]}::"BookingStatus"[])) END))
        FROM mentoring_session s
        WHERE s."mentorId" = ${mentorId} AND s.status = 'SCHEDULED'
          AND s."startsAt" >= ${lo}::timestamp(3) AND s."startsAt" < ${to}::timestamp(3)
          AND s."blockedUntil" > ${from}::timestamp(3)) AS sessions,
      (SELECT json_agg(json_build_array(${ms('c."startsAt"')}, ${ms('c."endsAt"')}))
        FROM calendar_busy c
        WHERE c."mentorId" = ${mentorId} AND c."startsAt" < ${to}::timestamp(3)
          AND c."endsAt" > ${from}::timestamp(3)) AS busy`;
}
