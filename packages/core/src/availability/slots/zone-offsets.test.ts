import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { isKnownTimeZone, localDateAt, offsetMinutesAt, plusLocalDays } from "./zone-offsets.ts";

// Zones with DST at odd hours, 30- and 45-minute offsets, a skipped day (Samoa, 2011-12-30),
// a midnight transition (Santiago) and a permanent change (Istanbul, 2016).
const ZONES = [
  "Europe/Paris",
  "America/New_York",
  "America/Santiago",
  "America/St_Johns",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Pacific/Apia",
  "Asia/Kathmandu",
  "Europe/Istanbul",
  "Africa/Casablanca",
  "UTC",
];
const instants = fc.integer({
  min: Date.UTC(2000, 0, 1),
  max: Date.UTC(2040, 0, 1),
});

describe("zone offsets (cached per UTC day)", () => {
  it("equal luxon's Intl-read offset at any instant", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instants, (zone, ms) => {
        expect(offsetMinutesAt(zone, ms)).toBe(IANAZone.create(zone).offset(ms));
      }),
      { numRuns: 3_000 },
    );
  });

  it("place the instant of a transition to the second", () => {
    // Paris springs forward at 01:00 UTC on 2026-03-29, falls back at 01:00 UTC on 2026-10-25.
    const spring = Date.UTC(2026, 2, 29, 1);
    expect(offsetMinutesAt("Europe/Paris", spring - 1)).toBe(60);
    expect(offsetMinutesAt("Europe/Paris", spring)).toBe(120);
    const autumn = Date.UTC(2026, 9, 25, 1);
    expect(offsetMinutesAt("Europe/Paris", autumn - 1)).toBe(120);
    expect(offsetMinutesAt("Europe/Paris", autumn)).toBe(60);
  });

  it("give the local date luxon gives", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instants, (zone, ms) => {
        expect(localDateAt(zone, ms)).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
      }),
      { numRuns: 3_000 },
    );
  });

  it("add calendar days at the same wall time as luxon's plus({ days }) does", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instants,
        fc.integer({ min: 0, max: 400 }),
        (zone, ms, days) => {
          expect(plusLocalDays(zone, ms, days)).toBe(
            DateTime.fromMillis(ms, { zone }).plus({ days }).toMillis(),
          );
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it("know which zones exist", () => {
    expect(isKnownTimeZone("Europe/Paris")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isKnownTimeZone("")).toBe(false);
    expect(() => localDateAt("Mars/Olympus_Mons", 0)).toThrow(RangeError);
  });
});
