import { availableSpansOnDay } from "./day-availability.ts";
import { InstantSlot } from "./slot.ts";
import type { Span } from "./spans.ts";
import type { DateOverride, SlotQuery, WeeklyRule } from "./types.ts";
import { assertValidSlotQuery } from "./validate-slot-query.ts";
import { localDayMs, offsetMinutesAt, plusLocalDays } from "./zone-offsets.ts";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
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
export function computeSlots(query: SlotQuery): InstantSlot[] {
  assertValidSlotQuery(query);
  if (!query.acceptingBookings) return [];
  const window = startWindow(query);
  if (window.earliest >= window.endExclusive) return [];
  const slots = newSessionSlots(query, window);
  const joinable = existingGroupSlots(query, window);
  if (joinable.length > 0) slots.push(...joinable);
  // New slots come out in order (but in zones whose midnight repeats an instant): sort only
  // when something may be out of it, a 90-day list costs a comparator call per slot otherwise.
  if (joinable.length > 0 || !isAscending(slots)) {
    slots.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  }
  return query.firstPerDayIn === undefined ? slots : firstOfEachDay(slots, query.firstPerDayIn);
}

function isAscending(slots: readonly InstantSlot[]): boolean {
  for (let index = 1; index < slots.length; index += 1) {
    const before = slots[index - 1] as InstantSlot;
    const slot = slots[index] as InstantSlot;
    const order = slot.startMs - before.startMs;
    if (order < 0 || (order === 0 && slot.endMs < before.endMs)) return false;
  }
  return true;
}

function firstOfEachDay(slots: readonly InstantSlot[], timeZone: string): InstantSlot[] {
  const days = new Set<number>();
  return slots.filter((slot) => {
    const day = localDayMs(timeZone, slot.startMs);
    if (days.has(day)) return false;
    days.add(day);
    return true;
  });
}

/** Allowed slot starts: [earliest, endExclusive). */
type StartWindow = { earliest: number; endExclusive: number };

function startWindow(query: SlotQuery): StartWindow {
  const { from, to, now, minNoticeMinutes, horizonDays, timezone } = query;
  const horizon = plusLocalDays(timezone, now.getTime(), horizonDays);
  return {
    earliest: Math.max(from.getTime(), now.getTime() + minNoticeMinutes * MINUTE_MS),
    // "no slot starting after the horizon": a start exactly at the horizon is allowed.
    endExclusive: Math.min(to.getTime(), horizon + 1),
  };
}

function newSessionSlots(query: SlotQuery, window: StartWindow): InstantSlot[] {
  const { timezone, firstPerDayIn } = query;
  const durationMs = query.durationMinutes * MINUTE_MS;
  const stepMs = (query.stepMinutes ?? DEFAULT_STEP_MINUTES) * MINUTE_MS;
  const blocked = mergeBlocked(blockedSpans(query));
  const overridesByDate = groupOverridesByDate(query.overrides);
  const rulesByWeekday = groupRulesByWeekday(query.rules);
  const seatsLeft = query.capacity;
  // Starts ascend but for zones whose midnight is ambiguous, where a date can repeat an instant.
  let lastStart = Number.NEGATIVE_INFINITY;
  const slots: InstantSlot[] = [];
  // The viewer day of the last slot kept (firstPerDayIn): its other starts are skipped.
  let dayFound = Number.NaN;
  // One extra day before: a previous date's interval can reach past local midnight
  // (end 1440, or a gap at midnight).
  const lastDay = localDayMs(timezone, window.endExclusive - 1);
  for (let day = localDayMs(timezone, window.earliest) - DAY_MS; day <= lastDay; day += DAY_MS) {
    const overrides = overridesByDate.size > 0 ? overridesByDate.get(isoDate(day)) : undefined;
    const spans = availableSpansOnDay(
      timezone,
      day,
      rulesByWeekday[weekdayIndex(day)] ?? [],
      overrides,
    );
    for (const span of spans) {
      // Skip whole steps before the window instead of walking them.
      const skipped = Math.max(0, Math.ceil((window.earliest - span.start) / stepMs));
      let start = span.start + skipped * stepMs;
      // Starts only grow within a span: the first blocked span ending after the start is found
      // once by bisection, then walked forward.
      let next = firstEndingAfter(blocked, start);
      while (start + durationMs <= span.end && start < window.endExclusive) {
        const end = start + durationMs;
        while (next < blocked.length && (blocked[next] as Span).end <= start) next += 1;
        const busy = blocked[next];
        if (busy && busy.start < end) {
          // Every start before the busy span's end overlaps it too: step past it at once.
          start += Math.max(1, Math.ceil((busy.end - start) / stepMs)) * stepMs;
          continue;
        }
        if (firstPerDayIn !== undefined) {
          const viewerDay = localDayMs(firstPerDayIn, start);
          if (viewerDay === dayFound) {
            start = nextStartOnAnotherDay(firstPerDayIn, start, viewerDay, span.start, stepMs);
            continue;
          }
          dayFound = viewerDay;
        }
        if (start > lastStart || !slots.some((slot) => slot.startMs === start)) {
          lastStart = Math.max(lastStart, start);
          slots.push(new InstantSlot(start, end, seatsLeft));
        }
        start += stepMs;
      }
    }
  }
  return slots;
}

/**
 * A start on the step grid of the span, after `start`, no later than the viewer day's end
 * (its next midnight, less the largest DST shift, 3 h: a conservative skip never passes it).
 */
function nextStartOnAnotherDay(
  timeZone: string,
  start: number,
  viewerDay: number,
  spanStart: number,
  stepMs: number,
): number {
  const wall = start + offsetMinutesAt(timeZone, start) * MINUTE_MS;
  const target = start + (viewerDay + DAY_MS - wall) - 3 * HOUR_MS;
  const steps = Math.ceil((target - spanStart) / stepMs);
  return Math.max(start + stepMs, spanStart + steps * stepMs);
}

/**
 * Sorted, with overlapping or touching spans joined, so their ends ascend too. Unlike
 * unionSpans an empty span is kept: a zero-length busy time inside a slot still blocks it.
 */
function mergeBlocked(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans.sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  return merged;
}

/** The index of the first blocked span (sorted, disjoint) ending after `start`, by bisection. */
function firstEndingAfter(blocked: readonly Span[], start: number): number {
  let low = 0;
  let high = blocked.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((blocked[mid] as Span).end <= start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Busy time widened by the buffer; group sessions count even if the caller left them out of busy. */
function blockedSpans(query: SlotQuery): Span[] {
  const bufferMs = query.bufferMinutes * MINUTE_MS;
  return [...query.busy, ...(query.groupSessions ?? [])].map((b) => ({
    start: b.start.getTime() - bufferMs,
    end: b.end.getTime() + bufferMs,
  }));
}

function existingGroupSlots(query: SlotQuery, window: StartWindow): InstantSlot[] {
  return (query.groupSessions ?? []).flatMap((session) => {
    const seatsLeft = session.capacity - session.seatsTaken;
    const start = session.start.getTime();
    if (seatsLeft <= 0 || start < window.earliest || start >= window.endExclusive) return [];
    return [new InstantSlot(start, session.end.getTime(), seatsLeft, session.sessionId)];
  });
}

/** Rules by weekday index 0 (Monday) … 6 (Sunday). */
function groupRulesByWeekday(rules: readonly WeeklyRule[]): WeeklyRule[][] {
  const byWeekday: WeeklyRule[][] = [[], [], [], [], [], [], []];
  for (const rule of rules) byWeekday[rule.weekday - 1]?.push(rule);
  return byWeekday;
}

/** Weekday index (Monday 0) of a day given as its midnight read as UTC; 1970-01-01 was a Thursday. */
function weekdayIndex(dayMs: number): number {
  return (((Math.floor(dayMs / DAY_MS) + 3) % 7) + 7) % 7;
}

function isoDate(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

function groupOverridesByDate(overrides: readonly DateOverride[]): Map<string, DateOverride[]> {
  const byDate = new Map<string, DateOverride[]>();
  for (const override of overrides) {
    byDate.set(override.date, [...(byDate.get(override.date) ?? []), override]);
  }
  return byDate;
}
