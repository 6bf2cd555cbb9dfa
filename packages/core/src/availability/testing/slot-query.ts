import { DateTime } from "luxon";
import type { IsoWeekday, Slot, SlotQuery, WeeklyRule } from "../slots/types.ts";

/** "09:30" → 570 minutes after local midnight; "24:00" → 1440. */
export function minuteOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export function rule(weekday: IsoWeekday, start: string, end: string): WeeklyRule {
  return { weekday, startMinute: minuteOf(start), endMinute: minuteOf(end) };
}

export function everyDay(start: string, end: string): WeeklyRule[] {
  return ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => rule(weekday, start, end));
}

/** A 1:1 query with neutral limits; tests override what they exercise. */
export function slotQuery(overrides: Partial<SlotQuery>): SlotQuery {
  return {
    timezone: "Europe/Paris",
    rules: [],
    overrides: [],
    durationMinutes: 60,
    stepMinutes: 30,
    bufferMinutes: 0,
    minNoticeMinutes: 0,
    horizonDays: 3650,
    acceptingBookings: true,
    busy: [],
    from: new Date("2026-01-01T00:00:00Z"),
    to: new Date("2026-12-31T00:00:00Z"),
    now: new Date("2025-12-01T00:00:00Z"),
    ...overrides,
  };
}

export function utcStarts(slots: readonly Slot[]): string[] {
  return slots.map((s) => s.start.toISOString());
}

/** Start times as wall time with offset in `zone`, e.g. "2026-10-25 02:00 +02:00". */
export function localStarts(slots: readonly Slot[], zone: string): string[] {
  return slots.map((s) => DateTime.fromJSDate(s.start, { zone }).toFormat("yyyy-MM-dd HH:mm ZZ"));
}

/** `count` ISO instants every `stepMinutes` from `firstIso`. */
export function everyMinutes(firstIso: string, stepMinutes: number, count: number): string[] {
  const first = new Date(firstIso).getTime();
  return Array.from({ length: count }, (_, i) =>
    new Date(first + i * stepMinutes * 60_000).toISOString(),
  );
}
