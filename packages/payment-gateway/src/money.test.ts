import { describe, expect, it } from "vitest";
import { callWithRetry } from "./call-with-retry.ts";
import { GatewayError } from "./errors.ts";
import { fromDecimalString, money, toDecimalString } from "./money.ts";

describe("money", () => {
  it("uses each currency's own exponent", () => {
    expect(toDecimalString(money(12_500, "TND"))).toBe("12.500");
    expect(toDecimalString(money(5, "EUR"))).toBe("0.05");
    expect(toDecimalString(money(700, "JPY"))).toBe("700");
    expect(fromDecimalString("12.5", "TND")).toEqual(money(12_500, "TND"));
    expect(fromDecimalString("0.05", "EUR").amountMinor).toBe(5);
  });
  it("refuses floats, negatives, unknown currencies and extra decimals", () => {
    expect(() => money(10.5, "EUR")).toThrow(RangeError);
    expect(() => money(-1, "EUR")).toThrow(RangeError);
    expect(() => money(1, "XXX")).toThrow(RangeError);
    expect(() => fromDecimalString("1.234", "EUR")).toThrow(RangeError);
  });
});

describe("callWithRetry", () => {
  const instant = async () => {};
  it("retries retryable errors only, then gives up", async () => {
    let calls = 0;
    const flaky = () => {
      calls += 1;
      if (calls < 3) throw new GatewayError("retryable", "t", "network", "refused");
      return Promise.resolve("ok");
    };
    expect(
      await callWithRetry(
        flaky,
        { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
        instant,
      ),
    ).toBe("ok");
    expect(calls).toBe(3);
  });
  it("never retries an indeterminate or permanent error", async () => {
    for (const kind of ["indeterminate", "permanent"] as const) {
      let calls = 0;
      const call = () => {
        calls += 1;
        return Promise.reject(new GatewayError(kind, "t", "x", "y"));
      };
      await expect(callWithRetry(call, undefined, instant)).rejects.toBeInstanceOf(GatewayError);
      expect(calls).toBe(1);
    }
  });
});
