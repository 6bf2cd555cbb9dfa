import { isValidLocalDate } from "./local-date.ts";
import type { DateOverride, SlotQuery, WeeklyRule } from "./types.ts";
import { isKnownTimeZone } from "./zone-offsets.ts";

const MINUTES_PER_DAY = 1440;

/**
 * Throws RangeError on input the engine cannot interpret. Stored availability is validated on
 * write, so a failure here is a programming error, not something to silently skip.
 */
export function assertValidSlotQuery(query: SlotQuery): void {
  if (!isKnownTimeZone(query.timezone)) fail(`unknown timezone "${query.timezone}"`);
  if (query.firstPerDayIn !== undefined && !isKnownTimeZone(query.firstPerDayIn)) {
    fail(`unknown timezone "${query.firstPerDayIn}"`);
  }
  assertInteger("durationMinutes", query.durationMinutes, 1);
  if (query.stepMinutes !== undefined) assertInteger("stepMinutes", query.stepMinutes, 1);
  assertInteger("bufferMinutes", query.bufferMinutes, 0);
  assertInteger("minNoticeMinutes", query.minNoticeMinutes, 0);
  assertInteger("horizonDays", query.horizonDays, 0);
  if (query.capacity !== undefined) assertInteger("capacity", query.capacity, 1);
  for (const [name, date] of [
    ["from", query.from],
    ["to", query.to],
    ["now", query.now],
  ] as const) {
    if (Number.isNaN(date.getTime())) fail(`${name} is an invalid Date`);
  }
  query.rules.forEach(assertValidRule);
  query.overrides.forEach(assertValidOverride);
}

function assertValidRule(rule: WeeklyRule): void {
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    fail(`rule weekday ${rule.weekday} is not 1..7`);
  }
  assertWallInterval("rule", rule.startMinute, rule.endMinute);
}

function assertValidOverride(override: DateOverride): void {
  if (!isValidLocalDate(override.date)) fail(`override date "${override.date}" is not YYYY-MM-DD`);
  const { startMinute, endMinute } = override;
  if (startMinute === undefined && endMinute === undefined) {
    if (override.kind === "available") fail(`available override ${override.date} needs times`);
    return;
  }
  if (startMinute === undefined || endMinute === undefined) {
    fail(`override ${override.date} has only one of startMinute/endMinute`);
  }
  assertWallInterval(`override ${override.date}`, startMinute, endMinute);
}

function assertWallInterval(what: string, startMinute: number, endMinute: number): void {
  const valid =
    Number.isInteger(startMinute) &&
    Number.isInteger(endMinute) &&
    startMinute >= 0 &&
    endMinute <= MINUTES_PER_DAY &&
    endMinute > startMinute;
  if (!valid) fail(`${what} ${startMinute}–${endMinute} is not 0 ≤ start < end ≤ 1440`);
}

function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) fail(`${name} must be an integer ≥ ${min}`);
}

function fail(message: string): never {
  throw new RangeError(`Invalid slot query: ${message}`);
}
