import { test } from "vitest";
import { computeSlots } from "./compute-slots.ts";
import type { BusyInterval, WeeklyRule } from "./types.ts";

// What `directory.search` with "has a slot in the next N days" and the mentor page cost per
// mentor and option: a busy mentor, two intervals a day, 60 days ahead.
const now = new Date("2026-03-20T08:00:00Z");
const rules: WeeklyRule[] = ([1, 2, 3, 4, 5] as const).flatMap((weekday) => [
  { weekday, startMinute: 9 * 60, endMinute: 12 * 60 },
  { weekday, startMinute: 14 * 60, endMinute: 18 * 60 },
]);
const busy: BusyInterval[] = Array.from({ length: 120 }, (_, i) => {
  const start = new Date(now.getTime() + (i * 12 + 2) * 3_600_000);
  return { start, end: new Date(start.getTime() + 3_600_000) };
});
const base = {
  timezone: "Europe/Paris",
  rules,
  overrides: [{ date: "2026-03-30", kind: "unavailable" as const }],
  durationMinutes: 60,
  bufferMinutes: 15,
  minNoticeMinutes: 240,
  horizonDays: 60,
  acceptingBookings: true,
  busy,
  from: now,
  now,
};

test("computeSlots", async ({ bench }) => {
  await bench.compare(
    bench("one week (the slot picker)", () => {
      computeSlots({ ...base, to: new Date(now.getTime() + 7 * 86_400_000) });
    }),
    bench("60 days across a DST change (the horizon)", () => {
      computeSlots({ ...base, to: new Date(now.getTime() + 60 * 86_400_000) });
    }),
  );
});
