/**
 * UTC offsets of a time zone, read from Intl once per zone and UTC day and then answered by
 * arithmetic. Slot computations ask for thousands of offsets per request (every interval edge,
 * every slot's local date); Intl's formatToParts costs microseconds each, this a map lookup.
 *
 * Per UTC day [d, d + 1 day) the offset is read at both ends; when they differ the transition
 * instant is found by bisection to the second (tz transitions fall on whole seconds). This
 * assumes at most one transition per UTC day, which holds for every zone in the tz database
 * (the closest pairs are weeks apart).
 */

const DAY_MS = 86_400_000;
const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
/** Cached days per zone before its cache is dropped (a bound, not an expectation). */
const MAX_DAYS_PER_ZONE = 4_096;
const MAX_ZONES = 512;

/** One UTC day: `before` minutes until `at` (exclusive), `after` from it. */
type Day = { before: number; at: number; after: number };

type ZoneCache = { format: Intl.DateTimeFormat; days: Map<number, Day> };

const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (!cache) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        era: "short",
      });
    } catch {
      throw new RangeError(`Invalid timezone "${timeZone}"`);
    }
    if (zones.size >= MAX_ZONES) zones.clear();
    cache = { format, days: new Map() };
    zones.set(timeZone, cache);
  }
  return cache;
}

/** The offset (minutes, east of UTC positive) read from Intl at one instant. */
function readOffset(format: Intl.DateTimeFormat, ms: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of format.formatToParts(ms)) {
    switch (part.type) {
      case "year":
        year = Number(part.value);
        break;
      case "month":
        month = Number(part.value);
        break;
      case "day":
        day = Number(part.value);
        break;
      case "hour":
        hour = Number(part.value) % 24;
        break;
      case "minute":
        minute = Number(part.value);
        break;
      case "second":
        second = Number(part.value);
        break;
      case "era":
        bc = part.value === "BC" || part.value === "B";
        break;
    }
  }
  const wall = Date.UTC(bc ? 1 - year : year, month - 1, day, hour, minute, second);
  const whole = Math.floor(ms / SECOND_MS) * SECOND_MS;
  return Math.round((wall - whole) / MINUTE_MS);
}

function dayOf(cache: ZoneCache, index: number): Day {
  let entry = cache.days.get(index);
  if (entry) return entry;
  const start = index * DAY_MS;
  const end = start + DAY_MS;
  const before = cache.days.get(index - 1)?.after ?? readOffset(cache.format, start);
  const after = cache.days.get(index + 1)?.before ?? readOffset(cache.format, end);
  let at = end;
  if (before !== after) {
    // First whole second in (start, end] at which the offset is no longer `before`.
    let low = start;
    let high = end;
    while (high - low > SECOND_MS) {
      const mid = low + Math.floor((high - low) / 2 / SECOND_MS) * SECOND_MS;
      if (readOffset(cache.format, mid) === before) low = mid;
      else high = mid;
    }
    at = high;
  }
  if (cache.days.size >= MAX_DAYS_PER_ZONE) cache.days.clear();
  entry = { before, at, after };
  cache.days.set(index, entry);
  return entry;
}

/** The zone's UTC offset in minutes at instant `ms` (Paris in summer: 120). */
export function offsetMinutesAt(timeZone: string, ms: number): number {
  const day = dayOf(zoneCache(timeZone), Math.floor(ms / DAY_MS));
  return ms < day.at ? day.before : day.after;
}

/** Epoch ms of the first instant of the local date holding `ms`, read as UTC (a day key). */
export function localDayMs(timeZone: string, ms: number): number {
  const wall = ms + offsetMinutesAt(timeZone, ms) * MINUTE_MS;
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The calendar date ("YYYY-MM-DD") shown in `timeZone` at instant `ms`. */
export function localDateAt(timeZone: string, ms: number): string {
  return new Date(localDayMs(timeZone, ms)).toISOString().slice(0, 10);
}

/** Whether Intl knows the zone (remembered: luxon's IANAZone.isValidZone builds a formatter per call). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    zoneCache(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant `days` calendar days after `ms` at the same wall time in `timeZone`, resolved as
 * luxon's `DateTime.plus({ days })` does (its fixOffset: a skipped time moves forward by the
 * gap, a repeated one keeps the offset it had), without building a DateTime.
 */
export function plusLocalDays(timeZone: string, ms: number, days: number): number {
  const before = offsetMinutesAt(timeZone, ms);
  const localTs = ms + before * MINUTE_MS + days * DAY_MS;
  let guess = localTs - before * MINUTE_MS;
  const o2 = offsetMinutesAt(timeZone, guess);
  if (before === o2) return guess;
  guess -= (o2 - before) * MINUTE_MS;
  const o3 = offsetMinutesAt(timeZone, guess);
  if (o2 === o3) return guess;
  return localTs - Math.min(o2, o3) * MINUTE_MS;
}
