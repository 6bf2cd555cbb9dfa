import { describe, expect, it } from "vitest";
import { bucketRevenue, lastTwelveMonths, monthKey, monthStarts } from "./revenue.ts";

describe("revenue buckets", () => {
  it("reads months in the mentor's timezone", () => {
    // 23:30 UTC on 31 January is already 1 February in Paris, still 31 January in New York.
    const instant = new Date("2026-01-31T23:30:00Z");
    expect(monthKey(instant, "Europe/Paris")).toBe("2026-02");
    expect(monthKey(instant, "America/New_York")).toBe("2026-01");
    expect(monthKey(instant, "UTC")).toBe("2026-01");
  });

  it("lists the 12 months ending now, across a year boundary", () => {
    const months = lastTwelveMonths(new Date("2026-03-15T12:00:00Z"), "UTC");
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2025-04");
    expect(months.at(-1)).toBe("2026-03");
    expect(months).toContain("2025-12");
    expect(months).toContain("2026-01");
  });

  it("totals this month, this year and each month per currency, refunds subtracted", () => {
    const now = new Date("2026-03-15T12:00:00Z");
    const at = (iso: string) => new Date(iso);
    const revenue = bucketRevenue(
      [
        { currency: "EUR", amountMinor: 4_250, postedAt: at("2026-03-02T10:00:00Z") },
        { currency: "EUR", amountMinor: 4_250, postedAt: at("2026-03-10T10:00:00Z") },
        { currency: "EUR", amountMinor: -4_250, postedAt: at("2026-03-11T10:00:00Z") },
        { currency: "EUR", amountMinor: 1_700, postedAt: at("2026-01-05T10:00:00Z") },
        // Last year: in the 12 months, not in this year.
        { currency: "EUR", amountMinor: 1_000, postedAt: at("2025-12-20T10:00:00Z") },
        // Thirteen months back: in neither.
        { currency: "EUR", amountMinor: 99_999, postedAt: at("2025-02-20T10:00:00Z") },
        { currency: "TND", amountMinor: 85_000, postedAt: at("2026-02-01T10:00:00Z") },
      ],
      { now, timeZone: "Europe/Paris" },
    );
    expect(revenue.map((r) => r.currency)).toEqual(["EUR", "TND"]);
    const [eur, tnd] = revenue;
    expect(eur?.thisMonthMinor).toBe(4_250);
    expect(eur?.thisYearMinor).toBe(4_250 + 1_700);
    expect(eur?.months.find((m) => m.month === "2025-12")?.amountMinor).toBe(1_000);
    expect(eur?.months.reduce((sum, m) => sum + m.amountMinor, 0)).toBe(4_250 + 1_700 + 1_000);
    expect(tnd?.thisMonthMinor).toBe(0);
    expect(tnd?.thisYearMinor).toBe(85_000);
    expect(tnd?.months.find((m) => m.month === "2026-02")?.amountMinor).toBe(85_000);
  });

  it("finds the first instant of each month in a timezone, across DST and fixed offsets", () => {
    const edges = monthStarts(["2026-03", "2026-04", "2026-12"], "Europe/Paris");
    expect(edges.map((edge) => edge.toISOString())).toEqual([
      "2026-02-28T23:00:00.000Z",
      "2026-03-31T22:00:00.000Z",
      "2026-11-30T23:00:00.000Z",
      // The month after the last: January of the next year.
      "2026-12-31T23:00:00.000Z",
    ]);
    expect(monthStarts(["2026-01"], "+05:30")[0]?.toISOString()).toBe("2025-12-31T18:30:00.000Z");
    expect(monthStarts(["2026-01"], "America/New_York")[1]?.toISOString()).toBe(
      "2026-02-01T05:00:00.000Z",
    );
    for (const timeZone of [
      "UTC",
      "Pacific/Kiritimati",
      "America/Sao_Paulo",
      "Australia/Lord_Howe",
    ]) {
      for (const edge of monthStarts(lastTwelveMonths(new Date(), timeZone), timeZone)) {
        // The edge is in its month, the millisecond before it in the previous one.
        expect(monthKey(edge, timeZone)).not.toBe(monthKey(new Date(edge.getTime() - 1), timeZone));
      }
    }
  });
});
