import type { Db, Prisma } from "@mentora/db";
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
