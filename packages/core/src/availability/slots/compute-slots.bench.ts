import { test } from "vitest";
import { computeSlots } from "./compute-slots.ts";
import { InstantSlot } from "./slot.ts";
import type { BusyInterval, WeeklyRule } from "./types.ts";

// What `directory.search` with "has a slot in the next N days" and the mentor page cost per
// mentor and option: a busy mentor, two intervals a day, 60 days ahead. Floor: the same number
// of slots made the cheapest way (a step loop from the first start, no rules, overrides, zone
// or busy times to look at), so the ratio is what the calendar logic costs per slot. Slots are
// InstantSlots (Dates made when read, decision 072), on both sides.
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

/** `count` one-hour slots stepping by 30 minutes from `from`. */
function stepSlots(from: Date, count: number): InstantSlot[] {
  const slots: InstantSlot[] = [];
  for (let i = 0, start = from.getTime(); i < count; i += 1, start += 1_800_000) {
    slots.push(new InstantSlot(start, start + 3_600_000));
  }
  return slots;
}

for (const [name, days] of [
  ["one week (the slot picker)", 7],
  ["60 days across a DST change (the horizon)", 60],
] as const) {
  test(`computeSlots: ${name}`, async ({ bench }) => {
    const query = { ...base, to: new Date(now.getTime() + days * 86_400_000) };
    const count = computeSlots(query).length;
    if (count === 0) throw new Error("bench query yields no slot");
    await bench.compare(
      bench(`computeSlots (${count} slots)`, () => {
        computeSlots(query);
      }),
      bench("floor: as many slots from a step loop", () => {
        stepSlots(now, count);
      }),
    );
  });
}
