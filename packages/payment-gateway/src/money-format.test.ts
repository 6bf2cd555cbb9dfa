import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  currencyCodes,
  currencyExponents,
  decimalStringToMinor,
  displayExponent,
  exponentOf,
  formatMinorAmount,
  isSupportedCurrency,
  minorToDecimalString,
  toDecimalString,
} from "./money.ts";

/** The value a decimal string stands for, scaled back to minor units with BigInt only. */
function decimalToMinor(decimal: string, exponent: number): bigint {
  const negative = decimal.startsWith("-");
  const [whole = "", fraction = ""] = decimal.replace("-", "").split(".");
  expect(fraction.length).toBe(exponent);
  const value = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction === "" ? "0" : fraction);
  return negative ? -value : value;
}

describe("the currency table", () => {
  it("holds each currency's ISO 4217 exponent: JPY 0, EUR 2, TND 3", () => {
    expect(exponentOf("JPY")).toBe(0);
    expect(exponentOf("EUR")).toBe(2);
    expect(exponentOf("TND")).toBe(3);
    expect([...currencyCodes].sort()).toEqual([
      "CAD",
      "CHF",
      "EUR",
      "GBP",
      "JPY",
      "MAD",
      "TND",
      "USD",
    ]);
    expect(isSupportedCurrency("eur")).toBe(false);
    expect(isSupportedCurrency("toString")).toBe(false);
    expect(() => exponentOf("XYZ")).toThrow(RangeError);
  });

  it("shows a code outside the table with Intl's digits, else 2", () => {
    expect(displayExponent("KWD")).toBe(3);
    expect(displayExponent("not a code")).toBe(2);
  });
});

describe("minor units as text, by string math", () => {
  it("writes every exponent, sign and size exactly", () => {
    expect(minorToDecimalString(5000, "JPY")).toBe("5000");
    expect(minorToDecimalString(-5000, "JPY")).toBe("-5000");
    expect(minorToDecimalString(1050, "EUR")).toBe("10.50");
    expect(minorToDecimalString(5, "EUR")).toBe("0.05");
    expect(minorToDecimalString(-5, "EUR")).toBe("-0.05");
    expect(minorToDecimalString(-350, "EUR")).toBe("-3.50");
    expect(minorToDecimalString(12_500, "TND")).toBe("12.500");
    expect(minorToDecimalString(-7, "TND")).toBe("-0.007");
    // Beyond 2^53 / 100 a float division would round: the digits stay as they are.
    expect(minorToDecimalString(Number.MAX_SAFE_INTEGER, "EUR")).toBe("90071992547409.91");
    expect(minorToDecimalString(-(2n ** 80n) - 1n, "TND")).toBe("-1208925819614629174706.177");
    expect(toDecimalString({ amountMinor: 12_500, currency: "TND" })).toBe("12.500");
  });

  it("refuses a float or an unsafe number of minor units instead of rounding it", () => {
    expect(() => minorToDecimalString(10.5, "EUR")).toThrow(RangeError);
    expect(() => minorToDecimalString(2 ** 60, "EUR")).toThrow(RangeError);
    expect(() => formatMinorAmount(0.1, "EUR", "en")).toThrow(RangeError);
  });

  it("round-trips any amount in any currency, checked against BigInt", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 96n), max: 2n ** 96n }),
        fc.constantFrom(...currencyCodes),
        (minor, currency) => {
          const decimal = minorToDecimalString(minor, currency);
          expect(decimalToMinor(decimal, currencyExponents[currency])).toBe(minor);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(...currencyCodes),
        (minor, currency) => {
          expect(decimalStringToMinor(minorToDecimalString(minor, currency), currency)).toBe(minor);
        },
      ),
    );
  });

  it("reads typed amounts, refusing extra decimals, signs and overflows", () => {
    expect(decimalStringToMinor("10.5", "EUR")).toBe(1050);
    expect(decimalStringToMinor("19,99", "EUR")).toBe(1999);
    expect(decimalStringToMinor("1 200", "EUR")).toBe(120_000);
    expect(decimalStringToMinor("12.5", "TND")).toBe(12_500);
    expect(decimalStringToMinor("0.001", "TND")).toBe(1);
    expect(decimalStringToMinor("5000", "JPY")).toBe(5000);
    expect(decimalStringToMinor("5.5", "JPY")).toBeNull();
    expect(decimalStringToMinor("1.005", "EUR")).toBeNull();
    expect(decimalStringToMinor("-1", "EUR")).toBeNull();
    expect(decimalStringToMinor("1e3", "EUR")).toBeNull();
    expect(decimalStringToMinor("", "EUR")).toBeNull();
    expect(decimalStringToMinor("90071992547409.92", "EUR")).toBeNull();
  });
});

describe("formatMinorAmount", () => {
  it("formats with the locale and every decimal of the currency, exactly", () => {
    expect(formatMinorAmount(4900, "EUR", "en")).toBe("€49.00");
    expect(formatMinorAmount(-1050, "EUR", "en")).toBe("-€10.50");
    expect(formatMinorAmount(0, "USD", "en")).toBe("$0.00");
    expect(formatMinorAmount(45_500, "TND", "en")).toContain("45.500");
    expect(formatMinorAmount(12_500, "TND", "fr")).toContain("12,500");
    expect(formatMinorAmount(5000, "JPY", "en")).toBe("¥5,000");
    expect(formatMinorAmount(Number.MAX_SAFE_INTEGER, "EUR", "en")).toBe("€90,071,992,547,409.91");
    expect(formatMinorAmount(2n ** 64n, "JPY", "en")).toBe("¥18,446,744,073,709,551,616");
    expect(formatMinorAmount(1250, "not a code", "en")).toBe("12.50 not a code");
  });

  it("never loses a digit: the formatted digits are the BigInt's digits", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
        fc.constantFrom(...currencyCodes),
        (minor, currency) => {
          const digits = formatMinorAmount(minor, currency, "en").replace(/\D/g, "");
          const expected = (minor < 0n ? -minor : minor)
            .toString()
            .padStart(currencyExponents[currency] + 1, "0");
          expect(digits).toBe(expected);
        },
      ),
    );
  });
});

describe("no float math left", () => {
  it("the money module divides nothing and calls no Math rounding", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(new URL("./money.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/\/\s*10\s*\*\*|Math\.(round|floor|trunc|pow)|toFixed|parseFloat/);
  });
});
