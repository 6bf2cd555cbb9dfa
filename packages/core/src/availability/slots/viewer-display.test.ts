import { describe, expect, it } from "vitest";
import { rule, slotQuery } from "../testing/slot-query.ts";
import { computeSlots } from "./compute-slots.ts";
import { InstantSlot } from "./slot.ts";
import type { Slot } from "./types.ts";
import { formatSlotTime, groupSlotsByViewerDay, slotTimeFormatterCount } from "./viewer-display.ts";

function slotAt(startIso: string): Slot {
  const start = new Date(startIso);
  return new InstantSlot(start.getTime(), start.getTime() + 3_600_000);
}

// Paris 09:00 on Saturday 2026-03-28 (CET, before Paris changes; New York already on EDT).
const parisNineBefore = slotAt("2026-03-28T08:00:00Z");
// Paris 09:00 on Monday 2026-03-30 (CEST).
const parisNineAfter = slotAt("2026-03-30T07:00:00Z");

describe("formatSlotTime", () => {
  it.each([
    [parisNineBefore, "America/New_York", "04:00"],
    [parisNineBefore, "Africa/Tunis", "09:00"],
    [parisNineBefore, "Europe/Paris", "09:00"],
    [parisNineAfter, "America/New_York", "03:00"],
    [parisNineAfter, "Africa/Tunis", "08:00"],
    [parisNineAfter, "Europe/Paris", "09:00"],
  ])("shows %o in %s as %s", (slot, zone, expected) => {
    expect(formatSlotTime(slot, zone, "en-GB")).toBe(expected);
  });

  it("follows the locale's conventions", () => {
    // ICU puts a (narrow) no-break space before AM.
    expect(formatSlotTime(parisNineBefore, "America/New_York", "en-US")).toMatch(/^4:00\sAM$/);
    expect(formatSlotTime(parisNineBefore, "America/New_York", "fr-FR")).toBe("04:00");
  });
});

describe("groupSlotsByViewerDay", () => {
  // Paris Saturday 2026-03-28 (CET) at 01:00, 01:30, 09:00, 09:30 and 20:00.
  const slots = computeSlots(
    slotQuery({
      rules: [rule(6, "01:00", "02:00"), rule(6, "09:00", "10:00"), rule(6, "20:00", "20:30")],
      durationMinutes: 30,
      from: new Date("2026-03-27T23:00:00Z"),
      to: new Date("2026-03-28T23:00:00Z"),
    }),
  );

  function viewerDays(zone: string, input: readonly Slot[] = slots) {
    return groupSlotsByViewerDay(input, zone).map((d) => [
      d.date,
      d.slots.map((s) => formatSlotTime(s, zone, "en-GB")),
    ]);
  }

  it("moves early Paris slots to the previous evening in New York", () => {
    expect(viewerDays("America/New_York")).toEqual([
      ["2026-03-27", ["20:00", "20:30"]],
      ["2026-03-28", ["04:00", "04:30", "15:00"]],
    ]);
  });

  it("keeps the mentor's date in Tunis", () => {
    expect(viewerDays("Africa/Tunis")).toEqual([
      ["2026-03-28", ["01:00", "01:30", "09:00", "09:30", "20:00"]],
    ]);
  });

  it("moves the evening Paris slot to the next morning in Auckland, sorting unsorted input", () => {
    expect(viewerDays("Pacific/Auckland", [...slots].reverse())).toEqual([
      ["2026-03-28", ["13:00", "13:30", "21:00", "21:30"]],
      ["2026-03-29", ["08:00"]],
    ]);
  });
});

/** 2^n spellings of one zone: Intl accepts any case, and the zone comes from the request. */
function caseSpellings(zone: string, count: number): string[] {
  const letters = [...zone].map((c, i) => [c, i] as const).filter(([c]) => /[a-z]/i.test(c));
  return Array.from({ length: count }, (_, n) => {
    const chars = [...zone];
    letters.forEach(([c, i], bit) => {
      chars[i] = (n >> bit) & 1 ? c.toUpperCase() : c.toLowerCase();
    });
    return chars.join("");
  });
}

describe("the formatter cache", () => {
  it("stays bounded however many spellings of a zone requests send, and formats each right", () => {
    const spellings = caseSpellings("Europe/Paris", 2_000);
    expect(new Set(spellings).size).toBe(2_000);
    for (const zone of spellings)
      expect(formatSlotTime(parisNineAfter, zone, "en-GB")).toBe("09:00");
    expect(slotTimeFormatterCount()).toBeLessThanOrEqual(300);
  });
});
