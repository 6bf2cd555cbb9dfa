import { describe, expect, it } from "vitest";
import {
  everyDay,
  everyMinutes,
  localStarts,
  rule,
  slotQuery,
  utcStarts,
} from "../testing/slot-query.ts";
import { computeSlots } from "./compute-slots.ts";
import type { SlotQuery } from "./types.ts";

/** A weekly 09:00–12:00 rule, 60-minute sessions every 30 minutes, over three local days. */
function morningSlots(timezone: string, dayBefore: string, dayAfterNext: string) {
  return computeSlots(
    slotQuery({
      timezone,
      rules: everyDay("09:00", "12:00"),
      // 00:00Z bounds hold the whole 09:00–12:00 morning of each day in all tested zones.
      from: new Date(`${dayBefore}T00:00:00Z`),
      to: new Date(`${dayAfterNext}T00:00:00Z`),
    }),
  );
}

const MORNING = ["09:00", "09:30", "10:00", "10:30", "11:00"];

describe.each([
  // zone, day before, change day, day after, first slot UTC on each of the three days
  ["Europe/Paris", "2026-03-28", "2026-03-29", "2026-03-30", ["08:00", "07:00", "07:00"]],
  ["Europe/Paris", "2026-10-24", "2026-10-25", "2026-10-26", ["07:00", "08:00", "08:00"]],
  ["America/New_York", "2026-03-07", "2026-03-08", "2026-03-09", ["14:00", "13:00", "13:00"]],
  ["America/New_York", "2026-10-31", "2026-11-01", "2026-11-02", ["13:00", "14:00", "14:00"]],
  ["Africa/Tunis", "2026-03-28", "2026-03-29", "2026-03-30", ["08:00", "08:00", "08:00"]],
  ["Africa/Tunis", "2026-10-24", "2026-10-25", "2026-10-26", ["08:00", "08:00", "08:00"]],
  ["Africa/Tunis", "2026-03-07", "2026-03-08", "2026-03-09", ["08:00", "08:00", "08:00"]],
  ["Africa/Tunis", "2026-10-31", "2026-11-01", "2026-11-02", ["08:00", "08:00", "08:00"]],
] as const)("%s 09:00–12:00 around %s / %s / %s", (zone, before, change, after, firstUtc) => {
  const dayAfterNext = new Date(Date.parse(`${after}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  const slots = morningSlots(zone, before, dayAfterNext);

  it("keeps 09:00…11:00 local on each day", () => {
    const expected = [before, change, after].flatMap((d) => MORNING.map((t) => `${d} ${t}`));
    expect(localStarts(slots, zone).map((s) => s.slice(0, 16))).toEqual(expected);
  });

  it("shifts the UTC instants exactly as the offset changes", () => {
    const expected = [before, change, after].flatMap((d, i) =>
      everyMinutes(`${d}T${firstUtc[i]}:00Z`, 30, MORNING.length),
    );
    expect(utcStarts(slots)).toEqual(expected);
  });
});

/** Slots of a 01:00–04:00 rule on `date`, the whole local day requested. */
function nightSlots(timezone: string, date: string, durationMinutes: number, dayStartUtc: string) {
  const from = new Date(dayStartUtc);
  const query: SlotQuery = slotQuery({
    timezone,
    rules: everyDay("01:00", "04:00"),
    durationMinutes,
    from,
    to: new Date(from.getTime() + 25 * 3_600_000),
  });
  return computeSlots(query).filter((s) => localStarts([s], timezone)[0]?.startsWith(date));
}

describe("an interval across the transition hour", () => {
  it("Paris spring day: 01:00–04:00 is 2 real hours and skips 02:xx", () => {
    const slots = nightSlots("Europe/Paris", "2026-03-29", 30, "2026-03-28T23:00:00Z");
    expect(utcStarts(slots)).toEqual(everyMinutes("2026-03-29T00:00:00Z", 30, 4));
    expect(localStarts(slots, "Europe/Paris")).toEqual([
      "2026-03-29 01:00 +01:00",
      "2026-03-29 01:30 +01:00",
      "2026-03-29 03:00 +02:00",
      "2026-03-29 03:30 +02:00",
    ]);
    expect(
      utcStarts(nightSlots("Europe/Paris", "2026-03-29", 120, "2026-03-28T23:00:00Z")),
    ).toEqual(["2026-03-29T00:00:00.000Z"]);
    expect(nightSlots("Europe/Paris", "2026-03-29", 150, "2026-03-28T23:00:00Z")).toEqual([]);
  });

  it("Paris autumn day: 01:00–04:00 is 4 real hours with both 02:00 instants", () => {
    const slots = nightSlots("Europe/Paris", "2026-10-25", 30, "2026-10-24T22:00:00Z");
    expect(utcStarts(slots)).toEqual(everyMinutes("2026-10-24T23:00:00Z", 30, 8));
    expect(localStarts(slots, "Europe/Paris")).toEqual([
      "2026-10-25 01:00 +02:00",
      "2026-10-25 01:30 +02:00",
      "2026-10-25 02:00 +02:00",
      "2026-10-25 02:30 +02:00",
      "2026-10-25 02:00 +01:00",
      "2026-10-25 02:30 +01:00",
      "2026-10-25 03:00 +01:00",
      "2026-10-25 03:30 +01:00",
    ]);
    expect(
      utcStarts(nightSlots("Europe/Paris", "2026-10-25", 240, "2026-10-24T22:00:00Z")),
    ).toEqual(["2026-10-24T23:00:00.000Z"]);
    expect(nightSlots("Europe/Paris", "2026-10-25", 270, "2026-10-24T22:00:00Z")).toEqual([]);
  });

  it("New York spring day: 01:00–04:00 is 2 real hours and skips 02:xx", () => {
    const slots = nightSlots("America/New_York", "2026-03-08", 30, "2026-03-08T05:00:00Z");
    expect(utcStarts(slots)).toEqual(everyMinutes("2026-03-08T06:00:00Z", 30, 4));
    expect(localStarts(slots, "America/New_York").map((s) => s.slice(11, 16))).toEqual([
      "01:00",
      "01:30",
      "03:00",
      "03:30",
    ]);
  });

  it("New York autumn day: a start in the repeated hour takes the earlier (EDT) instant", () => {
    const slots = nightSlots("America/New_York", "2026-11-01", 30, "2026-11-01T04:00:00Z");
    expect(utcStarts(slots)).toEqual(everyMinutes("2026-11-01T05:00:00Z", 30, 8));
    expect(localStarts(slots, "America/New_York").slice(0, 4)).toEqual([
      "2026-11-01 01:00 -04:00",
      "2026-11-01 01:30 -04:00",
      "2026-11-01 01:00 -05:00",
      "2026-11-01 01:30 -05:00",
    ]);
  });

  it.each([
    ["2026-03-29", "2026-03-28T23:00:00Z"],
    ["2026-10-25", "2026-10-24T23:00:00Z"],
  ])("Tunis (no DST) on %s: 01:00–04:00 is always 3 real hours", (date, dayStart) => {
    const slots = nightSlots("Africa/Tunis", date, 30, dayStart);
    expect(utcStarts(slots)).toEqual(everyMinutes(`${date}T00:00:00Z`, 30, 6));
  });

  it("an end in the repeated hour takes the later instant: Paris 00:00–02:30 lasts 3.5 hours", () => {
    const slots = computeSlots(
      slotQuery({
        rules: [rule(7, "00:00", "02:30")],
        durationMinutes: 30,
        from: new Date("2026-10-24T22:00:00Z"),
        to: new Date("2026-10-25T23:00:00Z"),
      }),
    );
    expect(utcStarts(slots)).toEqual(everyMinutes("2026-10-24T22:00:00Z", 30, 7));
    expect(localStarts(slots, "Europe/Paris").at(-1)).toBe("2026-10-25 02:00 +01:00");
  });

  it("a repeated-hour removal cuts both occurrences", () => {
    const slots = computeSlots(
      slotQuery({
        rules: everyDay("01:00", "04:00"),
        overrides: [{ date: "2026-10-25", kind: "unavailable", startMinute: 120, endMinute: 180 }],
        durationMinutes: 30,
        from: new Date("2026-10-24T22:00:00Z"),
        to: new Date("2026-10-25T22:00:00Z"),
      }),
    );
    // 01:00 and 01:30 CEST before the cut, 03:00 and 03:30 CET after it.
    expect(localStarts(slots, "Europe/Paris").map((s) => s.slice(11))).toEqual([
      "01:00 +02:00",
      "01:30 +02:00",
      "03:00 +01:00",
      "03:30 +01:00",
    ]);
  });

  it("a rule starting inside the spring gap starts at 03:00 CEST; one inside it entirely is empty", () => {
    const base = {
      timezone: "Europe/Paris",
      durationMinutes: 30,
      from: new Date("2026-03-28T23:00:00Z"),
      to: new Date("2026-03-29T22:00:00Z"),
    };
    const fromGap = computeSlots(slotQuery({ ...base, rules: [rule(7, "02:30", "04:00")] }));
    expect(localStarts(fromGap, "Europe/Paris").map((s) => s.slice(11, 16))).toEqual([
      "03:00",
      "03:30",
    ]);
    expect(computeSlots(slotQuery({ ...base, rules: [rule(7, "02:00", "02:45")] }))).toEqual([]);
  });
});
