import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { platformFee, splitFee } from "./wallet.ts";

describe("splitFee", () => {
  it("charges a wallet + card payment the fee of its total, not two roundings", () => {
    // €35 at 15%: 525. Rounded per part (1050 → 158, 2450 → 368) it would be 526.
    expect(platformFee(1_050, 1_500) + platformFee(2_450, 1_500)).toBe(526);
    const [walletFee, gatewayFee] = splitFee(platformFee(3_500, 1_500), 1_050, 2_450, 1_500);
    expect(walletFee + gatewayFee).toBe(525);
    expect([walletFee, gatewayFee]).toEqual([158, 367]);
  });

  it("keeps each share within its part and sums to the fee, for any split", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (first, second, basisPoints) => {
          const fee = platformFee(first + second, basisPoints);
          const [a, b] = splitFee(fee, first, second, basisPoints);
          expect(a + b).toBe(fee);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(first);
          expect(b).toBeLessThanOrEqual(second);
        },
      ),
    );
  });

  it("refuses a fee larger than the parts", () => {
    expect(() => splitFee(11, 5, 5, 1_500)).toThrow();
    expect(() => splitFee(-1, 5, 5, 1_500)).toThrow();
  });
});
