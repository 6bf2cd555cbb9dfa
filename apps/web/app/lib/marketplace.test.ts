import { describe, expect, it } from "vitest";
import { rulesFromForm } from "./availability-form";
import { layoutDayBlocks } from "./calendar-layout";
import { currencyDigits, formatMoney, minorToInput, parseMoneyInput } from "./money";
import {
  addDays,
  localDateOf,
  mondayOf,
  parseLocalDateTime,
  toLocalDateTimeInput,
  wallMinutesOf,
  zonedTimeToUtc,
} from "./time";

describe("money", () => {
  it("divides minor units by the currency's own exponent", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("TND")).toBe(3);
    expect(currencyDigits("JPY")).toBe(0);
    expect(formatMoney(3500, "EUR", "en")).toBe("€35.00");
    expect(formatMoney(3500, "EUR", "fr")).toBe("35,00\u00a0€");
    expect(formatMoney(90_000, "TND", "en")).toContain("90.000");
    expect(formatMoney(5000, "JPY", "en")).toBe("¥5,000");
    expect(formatMoney(0, "EUR", "en", "Free")).toBe("Free");
  });

  it("reads what a person types into minor units, refusing too many decimals", () => {
    expect(parseMoneyInput("35", "EUR")).toBe(3500);
    expect(parseMoneyInput("35,5", "EUR")).toBe(3550);
    expect(parseMoneyInput(" 1 200.00 ", "EUR")).toBe(120_000);
    expect(parseMoneyInput("90.5", "TND")).toBe(90_500);
    expect(parseMoneyInput("35.123", "EUR")).toBeNull();
    expect(parseMoneyInput("5000", "JPY")).toBe(5000);
    expect(parseMoneyInput("5.5", "JPY")).toBeNull();
    expect(parseMoneyInput("-3", "EUR")).toBeNull();
    expect(parseMoneyInput("abc", "EUR")).toBeNull();
    expect(minorToInput(3550, "EUR")).toBe("35.50");
    expect(minorToInput(3500, "EUR")).toBe("35");
    expect(minorToInput(90_000, "TND")).toBe("90");
  });
});

describe("time in a zone", () => {
  it("turns wall time into instants, across DST changes", () => {
    expect(zonedTimeToUtc("2026-03-02", 9 * 60, "Europe/Paris").toISOString()).toBe(
      "2026-03-02T08:00:00.000Z",
    );
    expect(zonedTimeToUtc("2026-07-02", 9 * 60, "Europe/Paris").toISOString()).toBe(
      "2026-07-02T07:00:00.000Z",
    );
    // 02:30 does not exist on 29 March 2026 in Paris: the instant after the jump.
    expect(zonedTimeToUtc("2026-03-29", 150, "Europe/Paris").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(zonedTimeToUtc("2026-03-02", 0, "America/New_York").toISOString()).toBe(
      "2026-03-02T05:00:00.000Z",
    );
  });

  it("reads instants back as local dates and minutes", () => {
    const instant = new Date("2026-03-01T23:30:00Z");
    expect(localDateOf(instant, "Europe/Paris")).toBe("2026-03-02");
    expect(wallMinutesOf(instant, "Europe/Paris")).toBe(30);
    expect(toLocalDateTimeInput(instant, "Europe/Paris")).toBe("2026-03-02T00:30");
    expect(parseLocalDateTime("2026-03-02T00:30", "Europe/Paris")?.toISOString()).toBe(
      instant.toISOString(),
    );
    expect(parseLocalDateTime("2026-02-30T10:00", "Europe/Paris")).toBeNull();
  });

  it("steps through the calendar", () => {
    expect(mondayOf("2026-03-08")).toBe("2026-03-02");
    expect(mondayOf("2026-03-02")).toBe("2026-03-02");
    expect(addDays("2026-02-27", 3)).toBe("2026-03-02");
  });
});

describe("calendar layout", () => {
  it("puts overlapping sessions side by side and lone ones full width", () => {
    const placed = layoutDayBlocks([
      { id: "a", start: 540, end: 600 },
      { id: "b", start: 570, end: 630 },
      { id: "c", start: 600, end: 660 },
      { id: "d", start: 720, end: 750 },
    ]);
    expect(placed.get("a")).toEqual({ lane: 0, lanes: 2 });
    expect(placed.get("b")).toEqual({ lane: 1, lanes: 2 });
    // c starts when a ends: it reuses a's lane, in the same cluster (b still runs).
    expect(placed.get("c")).toEqual({ lane: 0, lanes: 2 });
    expect(placed.get("d")).toEqual({ lane: 0, lanes: 1 });
  });
});

describe("weekly hours form", () => {
  it("reads interval pairs, midnight as the end of the day, and refuses reversed ones", () => {
    const form = new FormData();
    form.set("rule-1-0-start", "09:00");
    form.set("rule-1-0-end", "12:00");
    form.set("rule-7-3-start", "20:00");
    form.set("rule-7-3-end", "00:00");
    expect(rulesFromForm(form)).toEqual([
      { weekday: 1, startMinute: 540, endMinute: 720 },
      { weekday: 7, startMinute: 1200, endMinute: 1440 },
    ]);
    form.set("rule-2-1-start", "14:00");
    form.set("rule-2-1-end", "13:00");
    expect(rulesFromForm(form)).toBeNull();
  });
});
