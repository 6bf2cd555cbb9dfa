import { describe, expect, it } from "vitest";
import {
  currencyCodes,
  currencyExponent,
  currencySchema,
  formatMinorAmount,
  isSupportedCurrency,
} from "./currency.ts";

describe("currencies", () => {
  it("knows each allowed currency's ISO 4217 exponent", () => {
    expect(currencyExponent("EUR")).toBe(2);
    expect(currencyExponent("TND")).toBe(3);
    expect(currencyExponent("JPY")).toBe(0);
    expect([...currencyCodes].sort()).toEqual(
      ["CAD", "CHF", "EUR", "GBP", "JPY", "MAD", "TND", "USD"].sort(),
    );
  });

  it("allows only listed codes, exactly as written", () => {
    expect(isSupportedCurrency("EUR")).toBe(true);
    expect(isSupportedCurrency("eur")).toBe(false);
    expect(isSupportedCurrency("XYZ")).toBe(false);
    expect(isSupportedCurrency("toString")).toBe(false);
    expect(currencySchema.safeParse("BTC").success).toBe(false);
  });

  it("shows minor units with the currency's own decimals", () => {
    expect(formatMinorAmount(4900, "EUR", "en")).toBe("€49.00");
    expect(formatMinorAmount(45_500, "TND", "en")).toContain("45.500");
    expect(formatMinorAmount(5000, "JPY", "en")).toBe("¥5,000");
    expect(formatMinorAmount(0, "USD", "en")).toBe("$0.00");
  });
});
