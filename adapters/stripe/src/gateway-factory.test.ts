import { testGatewayRuntime } from "@mentora/payment-gateway/testing";
import { describe, expect, it } from "vitest";
import { checkoutExpiresAt, checkoutSessionParams, EXPIRY_GRAIN_S } from "./checkout-params.ts";
import { gatewayFactory } from "./index.ts";

/** The registry's call: the environment plus the timeout. */
function create(vars: Record<string, string | undefined>, timeoutMs = 5_000) {
  return gatewayFactory.create(vars, testGatewayRuntime({ timeoutMs }));
}
const env = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };

describe("gatewayFactory (stripe)", () => {
  it("builds the gateway from its environment slice", () => {
    const gateway = create(env);
    expect(gatewayFactory.id).toBe("stripe");
    expect(gateway.id).toBe("stripe");
    expect(gateway.capabilities).toMatchObject({
      hostedCheckout: true,
      refunds: true,
      partialRefunds: true,
      payouts: true,
    });
    expect(gateway.capabilities.currencies).not.toContain("TND");
  });

  it("names every missing variable", () => {
    expect(() => create({})).toThrow(/STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET/);
    expect(() => create({ ...env, STRIPE_WEBHOOK_SECRET: "" })).toThrow(
      /missing STRIPE_WEBHOOK_SECRET/,
    );
  });

  it("takes STRIPE_API_URL as http(s)://host[:port] only", () => {
    expect(() => create({ ...env, STRIPE_API_URL: "http://127.0.0.1:12111" })).not.toThrow();
    expect(() => create({ ...env, STRIPE_API_URL: "127.0.0.1:12111" })).toThrow(/STRIPE_API_URL/);
    expect(() => create({ ...env, STRIPE_API_URL: "http://h/v1" })).toThrow(/STRIPE_API_URL/);
    expect(() => create(env, 0)).toThrow(/timeoutMs/);
  });
});

describe("checkout parameters", () => {
  const now = 1_750_000_000;
  it("keeps expires_at within Stripe's 30 minutes – 24 hours, on a 5-minute grain", () => {
    for (const minutes of [1, 30, 90, 24 * 60, 48 * 60]) {
      const expiresAt = checkoutExpiresAt(minutes, now);
      expect(expiresAt % EXPIRY_GRAIN_S).toBe(0);
      expect(expiresAt - now).toBeGreaterThanOrEqual(30 * 60);
      expect(expiresAt - now).toBeLessThanOrEqual(24 * 60 * 60);
      if (minutes >= 31 && minutes <= 23 * 60) {
        expect(expiresAt - now).toBeGreaterThanOrEqual(minutes * 60);
        expect(expiresAt - now).toBeLessThan(minutes * 60 + EXPIRY_GRAIN_S);
      }
    }
  });

  it("sends the amount in the currency's smallest unit, JPY included", () => {
    const params = checkoutSessionParams(
      {
        paymentId: "p1",
        idempotencyKey: "payment:p1",
        amount: { amountMinor: 700, currency: "JPY" },
        description: "  ",
        successUrl: "https://mentora.test/ok",
        cancelUrl: "https://mentora.test/ko",
        expiresInMinutes: 30,
      },
      now + 1_800,
    );
    expect(params.line_items?.[0]?.price_data).toMatchObject({
      currency: "jpy",
      unit_amount: 700,
      product_data: { name: "Payment p1" },
    });
    expect(params).toMatchObject({
      mode: "payment",
      client_reference_id: "p1",
      metadata: { paymentId: "p1" },
      payment_intent_data: { metadata: { paymentId: "p1" } },
    });
    expect(params).not.toHaveProperty("customer_email");
  });
});
