import type { IsoWeekday } from "./types.ts";
import { localDateAt } from "./zone-offsets.ts";

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of the date's midnight read as if it were UTC: a zone-free base for wall-time arithmetic. */
export function naiveUtcMs(date: string): number {
  const match = ISO_DATE.exec(date);
  const ms = match
    ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    : Number.NaN;
  // Date.UTC rolls 2026-02-30 over to March; reject instead of silently moving the day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD)`);
  }
  return ms;
}

export function isValidLocalDate(date: string): boolean {
  try {
    naiveUtcMs(date);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return new Date(naiveUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isoWeekday(date: string): IsoWeekday {
  const sundayZero = new Date(naiveUtcMs(date)).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday;
}

/** The calendar date shown in `timezone` at instant `ms`. */
export function localDateOf(ms: number, timezone: string): string {
  return localDateAt(timezone, ms);
}
