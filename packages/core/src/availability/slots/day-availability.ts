import type { IANAZone } from "luxon";
import { isoWeekday } from "./local-date.ts";
import { type Span, subtractSpans, unionSpans } from "./spans.ts";
import type { DateOverride, WeeklyRule } from "./types.ts";
import { wallTimeToInstant } from "./wall-time.ts";

type WallInterval = { startMinute: number; endMinute: number };

/**
 * Real-time spans the mentor is open on one local date: (weekly rules ∪ extra hours) − removals,
 * or nothing on a day marked fully unavailable.
 */
export function availableSpansOnDate(
  zone: IANAZone,
  date: string,
  rules: readonly WeeklyRule[],
  overridesOfDate: readonly DateOverride[],
): Span[] {
  const wholeDayOff = overridesOfDate.some(
    (o) => o.kind === "unavailable" && o.startMinute === undefined,
  );
  if (wholeDayOff) return [];
  const weekday = isoWeekday(date);
  const open = [
    ...rules.filter((r) => r.weekday === weekday),
    ...overridesOfDate.filter((o) => o.kind === "available").map(timesOf),
  ];
  const removed = overridesOfDate.filter((o) => o.kind === "unavailable").map(timesOf);
  const toSpan = (i: WallInterval) => wallIntervalToSpan(zone, date, i);
  return subtractSpans(unionSpans(open.map(toSpan)), removed.map(toSpan));
}

/**
 * Start takes the earlier instant of a repeated time and end the later one, so an interval
 * (and a removal) covers both occurrences of an autumn hour.
 */
function wallIntervalToSpan(zone: IANAZone, date: string, interval: WallInterval): Span {
  return {
    start: wallTimeToInstant(zone, date, interval.startMinute, "earlier"),
    end: wallTimeToInstant(zone, date, interval.endMinute, "later"),
  };
}

/** Validation guarantees these overrides carry both times. */
function timesOf(override: DateOverride): WallInterval {
  return { startMinute: override.startMinute ?? 0, endMinute: override.endMinute ?? 0 };
}
