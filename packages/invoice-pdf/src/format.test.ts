import { describe, expect, test } from "vitest";
import { formatDate, formatMoney, formatRate } from "./format.ts";

// The formatter writes no-break spaces (U+00A0) so amounts never wrap apart; spell them out here.
const s = (text: string) => text.replaceAll(" ", "\u00a0");

describe("formatMoney", () => {
  test("TND has three decimals", () => {
    expect(formatMoney(1_234_567, "TND", 3, "fr")).toBe(s("1 234,567 TND"));
    expect(formatMoney(1_234_567, "TND", 3, "en")).toBe(s("TND 1,234.567"));
  });

  test("EUR two decimals, JPY none", () => {
    expect(formatMoney(25_569, "EUR", 2, "fr")).toBe(s("255,69 EUR"));
    expect(formatMoney(25_569, "EUR", 2, "en")).toBe(s("EUR 255.69"));
    expect(formatMoney(1_234_567, "JPY", 0, "fr")).toBe(s("1 234 567 JPY"));
    expect(formatMoney(1_234_567, "JPY", 0, "en")).toBe(s("JPY 1,234,567"));
  });

  test("small, zero and negative amounts are padded, signed once", () => {
    expect(formatMoney(5, "EUR", 2, "fr")).toBe(s("0,05 EUR"));
    expect(formatMoney(0, "TND", 3, "en")).toBe(s("TND 0.000"));
    expect(formatMoney(-1_000, "EUR", 2, "fr")).toBe(s("-10,00 EUR"));
    expect(formatMoney(-123_456_789, "EUR", 2, "en")).toBe(s("-EUR 1,234,567.89"));
  });

  test("no floating point: amounts beyond 2^53 as bigint stay exact", () => {
    expect(formatMoney(123_456_789_012_345_678_901n, "EUR", 2, "en")).toBe(
      s("EUR 1,234,567,890,123,456,789.01"),
    );
    expect(() => formatMoney(0.1, "EUR", 2, "en")).toThrow(/safe integer/);
    expect(() => formatMoney(2 ** 60, "EUR", 2, "en")).toThrow(/safe integer/);
  });
});

test("formatRate", () => {
  expect(formatRate(2000, "fr")).toBe(s("20 %"));
  expect(formatRate(550, "fr")).toBe(s("5,5 %"));
  expect(formatRate(550, "en")).toBe("5.5%");
  expect(formatRate(0, "en")).toBe("0%");
  expect(formatRate(1925, "en")).toBe("19.25%");
});

test("formatDate prints the calendar date as written, whatever the time zone", () => {
  expect(formatDate("2026-03-20T23:30:00-05:00", "fr")).toBe(s("20 mars 2026"));
  expect(formatDate("2026-02-01", "fr")).toBe(s("1er février 2026"));
  expect(formatDate("2026-12-01", "en")).toBe(s("1 December 2026"));
  expect(() => formatDate("20/03/2026", "en")).toThrow(/ISO date/);
});
