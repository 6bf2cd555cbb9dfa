import { DateTime, IANAZone } from "luxon";
import { availableSpansOnDate } from "./day-availability.ts";
import { addDays, localDateOf } from "./local-date.ts";
import { overlapsAny, type Span } from "./spans.ts";
import type { DateOverride, Slot, SlotQuery } from "./types.ts";
import { assertValidSlotQuery } from "./validate-slot-query.ts";

const MINUTE_MS = 60_000;
const DEFAULT_STEP_MINUTES = 30;

/**
 * Bookable slots for [query.from, query.to), sorted by start.
 *
 * DST contract (all rules/overrides are wall time in the mentor's zone):
 * - A wall-clock interval on a local date becomes the real instants of its start and end on that
 *   date. A time inside a spring-forward gap becomes the first valid instant (the transition:
 *   02:00 and 02:30 in Paris both → 03:00 CEST). In an autumn repeated hour the start takes the
 *   EARLIER offset and the end the LATER one, so Paris 01:00–04:00 lasts 2 real hours on the
 *   spring day and 4 on the autumn day. Removals are converted the same way (they cut both
 *   occurrences of a repeated hour).
 * - Per local date, (rules ∪ extra hours) − removals are merged before stepping, so overlapping
 *   rules never duplicate slots. Intervals of different dates are not joined: no slot crosses a
 *   boundary between two dates' intervals.
 * - Slots step in REAL time from each merged interval's start every stepMinutes and must fit
 *   (start + duration ≤ end). So a 09:00 rule yields 09:00 local on every day, including the
 *   change day (a different UTC offset), and no slot starts at a non-existent local time.
 * - Local dates are iterated to cover [from, to) (which may start mid-day in the mentor's zone);
 *   a slot is kept when its START lies in [from, to), so consecutive ranges page without gaps
 *   or repeats.
 * - Bookability: start ≥ now + minNotice; start ≤ now + horizonDays (mentor-local calendar days,
 *   same wall time); [start, end) must not overlap any [busy.start − buffer, busy.end + buffer).
 * - Group offerings: existing sessions of this option are offered as-is (sessionId, seatsLeft)
 *   when not full and within the notice/horizon/range limits; they are not re-checked against
 *   rules or busy (they are busy themselves). They still block new sessions around them.
 */
export function computeSlots(query: SlotQuery): Slot[] {
  assertValidSlotQuery(query);
  if (!query.acceptingBookings) return [];
  const window = startWindow(query);
  if (window.earliest >= window.endExclusive) return [];
  const slots = [...newSessionSlots(query, window), ...existingGroupSlots(query, window)];
  return slots.sort(
    (a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime(),
  );
}

/** Allowed slot starts: [earliest, endExclusive). */
type StartWindow = { earliest: number; endExclusive: number };

function startWindow(query: SlotQuery): StartWindow {
  const { from, to, now, minNoticeMinutes, horizonDays, timezone } = query;
  const horizon = DateTime.fromJSDate(now, { zone: timezone })
    .plus({ days: horizonDays })
    .toMillis();
  return {
    earliest: Math.max(from.getTime(), now.getTime() + minNoticeMinutes * MINUTE_MS),
    // "no slot starting after the horizon": a start exactly at the horizon is allowed.
    endExclusive: Math.min(to.getTime(), horizon + 1),
  };
}

function newSessionSlots(query: SlotQuery, window: StartWindow): Slot[] {
  const zone = IANAZone.create(query.timezone);
  const durationMs = query.durationMinutes * MINUTE_MS;
  const stepMs = (query.stepMinutes ?? DEFAULT_STEP_MINUTES) * MINUTE_MS;
  const blocked = blockedSpans(query);
  const overridesByDate = groupOverridesByDate(query.overrides);
  const seats = query.capacity === undefined ? {} : { seatsLeft: query.capacity };
  const starts = new Set<number>();
  const slots: Slot[] = [];
  // One extra day before: a previous date's interval can reach past local midnight
  // (end 1440, or a gap at midnight).
  const lastDate = localDateOf(window.endExclusive - 1, query.timezone);
  for (
    let date = addDays(localDateOf(window.earliest, query.timezone), -1);
    date <= lastDate;
    date = addDays(date, 1)
  ) {
    const spans = availableSpansOnDate(zone, date, query.rules, overridesByDate.get(date) ?? []);
    for (const span of spans) {
      // Skip whole steps before the window instead of walking them.
      const skipped = Math.max(0, Math.ceil((window.earliest - span.start) / stepMs));
      for (
        let start = span.start + skipped * stepMs;
        start + durationMs <= span.end;
        start += stepMs
      ) {
        if (start >= window.endExclusive) break;
        const end = start + durationMs;
        // Dates can repeat an instant only in zones whose midnight is ambiguous.
        if (starts.has(start) || overlapsAny(blocked, start, end)) continue;
        starts.add(start);
        slots.push({ start: new Date(start), end: new Date(end), ...seats });
      }
    }
  }
  return slots;
}

/** Busy time widened by the buffer; group sessions count even if the caller left them out of busy. */
function blockedSpans(query: SlotQuery): Span[] {
  const bufferMs = query.bufferMinutes * MINUTE_MS;
  return [...query.busy, ...(query.groupSessions ?? [])].map((b) => ({
    start: b.start.getTime() - bufferMs,
    end: b.end.getTime() + bufferMs,
  }));
}

function existingGroupSlots(query: SlotQuery, window: StartWindow): Slot[] {
  return (query.groupSessions ?? []).flatMap((session) => {
    const seatsLeft = session.capacity - session.seatsTaken;
    const start = session.start.getTime();
    if (seatsLeft <= 0 || start < window.earliest || start >= window.endExclusive) return [];
    return [{ start: session.start, end: session.end, seatsLeft, sessionId: session.sessionId }];
  });
}

function groupOverridesByDate(overrides: readonly DateOverride[]): Map<string, DateOverride[]> {
  const byDate = new Map<string, DateOverride[]>();
  for (const override of overrides) {
    byDate.set(override.date, [...(byDate.get(override.date) ?? []), override]);
  }
  return byDate;
}
