import { describe, expect, it } from "vitest";
import { bucketRevenue, lastTwelveMonths, monthKey } from "./revenue.ts";

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
});
