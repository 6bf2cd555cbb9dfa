import { describe, expect, it } from "vitest";
import { addMonths, isMonth, monthGrid, schedulerHref } from "./scheduler-url";
import { zoneOption, zoneOptions } from "./time-zones";

describe("scheduler links and calendar", () => {
  it("builds the deep link with only what was chosen", () => {
    expect(schedulerHref("m1", "o1")).toBe("/mentors/m1/o1");
    expect(
      schedulerHref("m1", "o1", { duration: 60, date: "2026-12-08", tz: "Europe/Paris" }),
    ).toBe("/mentors/m1/o1?duration=60&date=2026-12-08&tz=Europe%2FParis");
    // A chosen day wins over a month; a time adds the confirmation.
    expect(schedulerHref("m1", "o1", { date: "2026-12-08", month: "2027-01", slot: "x" })).toBe(
      "/mentors/m1/o1?date=2026-12-08&slot=x",
    );
  });

  it("steps months across years and checks their shape", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(isMonth("2026-12")).toBe(true);
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-12-01")).toBe(false);
  });

  it("lays a month out in Monday-first weeks", () => {
    // December 2026 starts on a Tuesday and has 31 days: 5 weeks.
    const weeks = monthGrid("2026-12");
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([
      null,
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(weeks.at(-1)?.slice(0, 4)).toEqual([
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
    ]);
  });

  it("lists zones with their offset at a given instant", () => {
    const winter = new Date("2026-12-05T12:00:00Z");
    expect(zoneOption("Asia/Tokyo", winter)).toEqual({
      zone: "Asia/Tokyo",
      offset: "UTC+09:00",
      minutes: 540,
    });
    expect(zoneOption("America/New_York", winter).offset).toBe("UTC-05:00");
    expect(zoneOption("Europe/Paris", new Date("2026-07-01T12:00:00Z")).offset).toBe("UTC+02:00");
    const all = zoneOptions(winter);
    expect(all.length).toBeGreaterThan(300);
    expect(all.some((option) => option.zone === "UTC")).toBe(true);
    // Sorted by offset, west to east.
    expect(all.map((option) => option.minutes)).toEqual(
      [...all.map((option) => option.minutes)].sort((a, b) => a - b),
    );
  });
});
