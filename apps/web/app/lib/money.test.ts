import { describe, expect, it } from "vitest";
import { decimalStringToMinor, formatMoney, minorToDecimalString } from "./money";

describe("money by string math", () => {
  it("writes minor units as a decimal with the currency's exponent", () => {
    expect(minorToDecimalString(1050, "EUR")).toBe("10.50");
    expect(minorToDecimalString(5, "EUR")).toBe("0.05");
    expect(minorToDecimalString(-350, "EUR")).toBe("-3.50");
    expect(minorToDecimalString(12_500, "TND")).toBe("12.500");
    expect(minorToDecimalString(7, "TND")).toBe("0.007");
    expect(minorToDecimalString(5000, "JPY")).toBe("5000");
    // Beyond 2^53 / 100 a float would round; the digits are kept as they are.
    expect(minorToDecimalString(9_007_199_254_740_991, "EUR")).toBe("90071992547409.91");
  });

  it("reads a typed amount in major units, refusing extra decimals", () => {
    expect(decimalStringToMinor("10.5", "EUR")).toBe(1050);
    expect(decimalStringToMinor("0.1", "EUR")).toBe(10);
    expect(decimalStringToMinor("19,99", "EUR")).toBe(1999);
    expect(decimalStringToMinor("12.5", "TND")).toBe(12_500);
    expect(decimalStringToMinor("0.001", "TND")).toBe(1);
    expect(decimalStringToMinor("5000", "JPY")).toBe(5000);
    expect(decimalStringToMinor("5.5", "JPY")).toBeNull();
    expect(decimalStringToMinor("1.005", "EUR")).toBeNull();
    expect(decimalStringToMinor("-1", "EUR")).toBeNull();
    expect(decimalStringToMinor("1e3", "EUR")).toBeNull();
    expect(decimalStringToMinor("", "EUR")).toBeNull();
  });

  it("formats exactly, with every decimal of the currency", () => {
    expect(formatMoney(1050, "EUR", "en")).toBe("€10.50");
    expect(formatMoney(-1050, "EUR", "en")).toBe("-€10.50");
    expect(formatMoney(0, "EUR", "en")).toBe("€0.00");
    expect(formatMoney(12_500, "TND", "fr")).toContain("12,500");
    expect(formatMoney(5000, "JPY", "en")).toBe("¥5,000");
    expect(formatMoney(9_007_199_254_740_991, "EUR", "en")).toBe("€90,071,992,547,409.91");
  });
});
