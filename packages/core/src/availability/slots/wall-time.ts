import type { IANAZone } from "luxon";
import { naiveUtcMs } from "./local-date.ts";
import { offsetMinutesAt } from "./zone-offsets.ts";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const SECOND_MS = 1_000;

/** Which instant a repeated (autumn) wall time means. */
export type RepeatedTimeChoice = "earlier" | "later";

/**
 * The real instant (epoch ms) at which the wall clock in `zone` reads `minute` minutes after
 * midnight of the local `date` (1440 = the next midnight).
 * - Repeated wall time (autumn fall-back): two instants match; `choice` picks one.
 * - Skipped wall time (spring-forward gap): the transition instant, i.e. the first instant at
 *   which the wall clock has reached that time. For a time at the very start of the gap
 *   (02:00 in Paris) this equals luxon's result; for one inside it (02:30) luxon would add the
 *   gap length (03:30), which would stretch an interval ending at 02:30 past 03:00.
 */
export function wallTimeToInstant(
  zone: IANAZone | string,
  date: string,
  minute: number,
  choice: RepeatedTimeChoice,
): number {
  return wallMsToInstant(
    typeof zone === "string" ? zone : zone.name,
    naiveUtcMs(date),
    minute,
    choice,
  );
}

/** wallTimeToInstant for a date given as its midnight read as UTC (`naiveUtcMs`). */
export function wallMsToInstant(
  timeZone: string,
  dayMs: number,
  minute: number,
  choice: RepeatedTimeChoice,
): number {
  const naive = dayMs + minute * MINUTE_MS;
  // Any transition affecting this wall time is within ±14h of it, so the offsets a day
  // before/after (plus the one at `naive`) cover every candidate offset.
  const a = offsetMinutesAt(timeZone, naive - DAY_MS);
  const b = offsetMinutesAt(timeZone, naive);
  const c = offsetMinutesAt(timeZone, naive + DAY_MS);
  // The common case, no transition near: one offset, one instant.
  if (a === b && b === c && offsetMinutesAt(timeZone, naive - b * MINUTE_MS) === b) {
    return naive - b * MINUTE_MS;
  }
  const offsets = new Set([a, b, c]);
  const candidates = [...offsets].map((offset) => ({ offset, ms: naive - offset * MINUTE_MS }));
  const matches = candidates
    .filter((candidate) => offsetMinutesAt(timeZone, candidate.ms) === candidate.offset)
    .map((candidate) => candidate.ms);
  if (matches.length > 0) {
    return choice === "earlier" ? Math.min(...matches) : Math.max(...matches);
  }
  const instants = candidates.map((candidate) => candidate.ms);
  return transitionInstant(timeZone, Math.min(...instants), Math.max(...instants));
}

/** First instant in (lo, hi] whose offset differs from the offset at `lo`, to the second. */
function transitionInstant(timeZone: string, lo: number, hi: number): number {
  const offsetBefore = offsetMinutesAt(timeZone, lo);
  let low = lo;
  let high = hi;
  while (high - low > SECOND_MS) {
    const mid = low + Math.floor((high - low) / 2 / SECOND_MS) * SECOND_MS;
    if (offsetMinutesAt(timeZone, mid) === offsetBefore) low = mid;
    else high = mid;
  }
  return high;
}
