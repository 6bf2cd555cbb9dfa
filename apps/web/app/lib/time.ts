/**
 * Calendar arithmetic in an IANA timezone with Intl only (no date library in the browser
 * bundle). Local dates are "YYYY-MM-DD" strings; instants are Dates.
 */

// Bounded: the zone comes from the request, and Intl accepts any spelling of a zone's case, so
// distinct keys are not limited to the zone list (decision 059).
const partFormatters = new Map<string, Intl.DateTimeFormat>();
const maxPartFormatters = 300;

/** How many formatters are kept (for the test that they stay bounded). */
export function partFormatterCount(): number {
  return partFormatters.size;
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = partFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    if (partFormatters.size >= maxPartFormatters) partFormatters.clear();
    partFormatters.set(timeZone, format);
  }
  return format;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of an instant in a timezone. */
export function wallTimeOf(instant: Date | number, timeZone: string): WallTime {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

function offsetMs(instant: number, timeZone: string): number {
  const wall = wallTimeOf(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, "0");
}

/** "YYYY-MM-DD" of an instant in a timezone. */
export function localDateOf(instant: Date | number, timeZone: string): string {
  const wall = wallTimeOf(instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** Minutes since local midnight of an instant in a timezone (wall time). */
export function wallMinutesOf(instant: Date | number, timeZone: string): number {
  const wall = wallTimeOf(instant, timeZone);
  return wall.hour * 60 + wall.minute;
}

export function isLocalDate(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The local date `days` later (or earlier). */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** ISO weekday of a local date: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week holding this local date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * The instant a wall-clock time of a local date happens in a timezone. A time skipped by a DST
 * jump resolves to the instant just after the jump; a repeated one to its first occurrence.
 */
export function zonedTimeToUtc(date: string, minutes: number, timeZone: string): Date {
  const [year = 1970, month = 1, day = 1] = date.split("-").map(Number);
  const wall = Date.UTC(year, month - 1, day) + minutes * 60_000;
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  if (first === second) return new Date(first);
  // Two candidates around a transition: keep one whose wall time reads back right, else later.
  const reads = (candidate: number) =>
    localDateOf(candidate, timeZone) === date && wallMinutesOf(candidate, timeZone) === minutes;
  if (reads(Math.min(first, second))) return new Date(Math.min(first, second));
  if (reads(Math.max(first, second))) return new Date(Math.max(first, second));
  return new Date(Math.max(first, second));
}

/** "2026-03-02T14:30" (a datetime-local input) read as wall time in a timezone; null if bad. */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || !isLocalDate(match[1])) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) return null;
  return zonedTimeToUtc(match[1]!, hours * 60 + minutes, timeZone);
}

/** The datetime-local value of an instant in a timezone. */
export function toLocalDateTimeInput(instant: Date, timeZone: string): string {
  const wall = wallTimeOf(instant, timeZone);
  return `${localDateOf(instant, timeZone)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** "HH:MM" for minutes since midnight (1440 → "24:00"). */
export function minutesToTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Minutes since midnight from "HH:MM" ("24:00" allowed); null when invalid. */
export function timeToMinutes(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}
