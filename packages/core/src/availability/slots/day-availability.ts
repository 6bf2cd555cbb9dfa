import { type Span, subtractSpans, unionSpans } from "./spans.ts";
import type { DateOverride } from "./types.ts";
import { wallMsToInstant } from "./wall-time.ts";

type WallInterval = { startMinute: number; endMinute: number };

const NO_OVERRIDES: readonly DateOverride[] = [];

/**
 * Real-time spans the mentor is open on one local date: (weekly rules ∪ extra hours) − removals,
 * or nothing on a day marked fully unavailable. The date is given as its midnight read as UTC
 * (`naiveUtcMs`), its weekday's rules already picked out.
 */
export function availableSpansOnDay(
  timeZone: string,
  dayMs: number,
  rulesOfWeekday: readonly WallInterval[],
  overridesOfDate: readonly DateOverride[] = NO_OVERRIDES,
): Span[] {
  const toSpan = (i: WallInterval) => wallIntervalToSpan(timeZone, dayMs, i);
  if (overridesOfDate.length === 0) {
    // The usual day: weekly rules only (one interval needs no union).
    if (rulesOfWeekday.length === 1) {
      const span = toSpan(rulesOfWeekday[0] as WallInterval);
      return span.end > span.start ? [span] : [];
    }
    return unionSpans(rulesOfWeekday.map(toSpan));
  }
  const wholeDayOff = overridesOfDate.some(
    (o) => o.kind === "unavailable" && o.startMinute === undefined,
  );
  if (wholeDayOff) return [];
  const open = [
    ...rulesOfWeekday,
    ...overridesOfDate.filter((o) => o.kind === "available").map(timesOf),
  ];
  const removed = overridesOfDate.filter((o) => o.kind === "unavailable").map(timesOf);
  return subtractSpans(unionSpans(open.map(toSpan)), removed.map(toSpan));
}

/**
 * Start takes the earlier instant of a repeated time and end the later one, so an interval
 * (and a removal) covers both occurrences of an autumn hour.
 */
function wallIntervalToSpan(timeZone: string, dayMs: number, interval: WallInterval): Span {
  return {
    start: wallMsToInstant(timeZone, dayMs, interval.startMinute, "earlier"),
    end: wallMsToInstant(timeZone, dayMs, interval.endMinute, "later"),
  };
}

/** Validation guarantees these overrides carry both times. */
function timesOf(override: DateOverride): WallInterval {
  return { startMinute: override.startMinute ?? 0, endMinute: override.endMinute ?? 0 };
}
