import { IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { minuteOf } from "../testing/slot-query.ts";
import { wallTimeToInstant } from "./wall-time.ts";

const paris = IANAZone.create("Europe/Paris");
const newYork = IANAZone.create("America/New_York");

function instant(zone: IANAZone, date: string, hhmm: string, choice: "earlier" | "later") {
  return new Date(wallTimeToInstant(zone, date, minuteOf(hhmm), choice)).toISOString();
}

describe("wallTimeToInstant (DST contract)", () => {
  it("maps an ordinary wall time to its single instant whatever the choice", () => {
    expect(instant(paris, "2026-03-29", "09:00", "earlier")).toBe("2026-03-29T07:00:00.000Z");
    expect(instant(paris, "2026-03-29", "09:00", "later")).toBe("2026-03-29T07:00:00.000Z");
    expect(instant(paris, "2026-03-28", "09:00", "later")).toBe("2026-03-28T08:00:00.000Z");
  });

  it("moves a time in the spring-forward gap to the transition instant (03:00 CEST)", () => {
    expect(instant(paris, "2026-03-29", "02:00", "earlier")).toBe("2026-03-29T01:00:00.000Z");
    expect(instant(paris, "2026-03-29", "02:30", "earlier")).toBe("2026-03-29T01:00:00.000Z");
    expect(instant(paris, "2026-03-29", "02:59", "later")).toBe("2026-03-29T01:00:00.000Z");
    expect(instant(newYork, "2026-03-08", "02:30", "later")).toBe("2026-03-08T07:00:00.000Z");
  });

  it("picks the earlier or later occurrence of a repeated autumn time", () => {
    expect(instant(paris, "2026-10-25", "02:30", "earlier")).toBe("2026-10-25T00:30:00.000Z");
    expect(instant(paris, "2026-10-25", "02:30", "later")).toBe("2026-10-25T01:30:00.000Z");
    expect(instant(newYork, "2026-11-01", "01:00", "earlier")).toBe("2026-11-01T05:00:00.000Z");
    expect(instant(newYork, "2026-11-01", "01:00", "later")).toBe("2026-11-01T06:00:00.000Z");
  });

  it("treats minute 1440 as the next local midnight", () => {
    expect(instant(paris, "2026-03-28", "24:00", "later")).toBe("2026-03-28T23:00:00.000Z");
    expect(instant(paris, "2026-03-29", "24:00", "later")).toBe("2026-03-29T22:00:00.000Z");
  });

  it("handles a gap at midnight (Santiago skips 00:00–01:00 on 2026-09-06)", () => {
    const santiago = IANAZone.create("America/Santiago");
    expect(instant(santiago, "2026-09-06", "00:00", "earlier")).toBe("2026-09-06T04:00:00.000Z");
    expect(instant(santiago, "2026-09-05", "24:00", "later")).toBe("2026-09-06T04:00:00.000Z");
    expect(instant(santiago, "2026-09-06", "01:00", "earlier")).toBe("2026-09-06T04:00:00.000Z");
  });
});
