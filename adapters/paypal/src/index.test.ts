import { describe, expect, it } from "vitest";
import { gatewayFactory } from "./index.ts";

// GatewayFactory's options type (an env record & { timeoutMs: number }) admits no object
// literal: its index signature says every property is a string. Cast once, here.
type FactoryOptions = Parameters<typeof gatewayFactory.create>[0];
const options = (vars: Record<string, string | undefined>): FactoryOptions =>
  ({ ...vars, timeoutMs: 5000 }) as unknown as FactoryOptions;

const env = {
  PAYPAL_CLIENT_ID: "client",
  PAYPAL_CLIENT_SECRET: "secret",
  PAYPAL_WEBHOOK_ID: "WH123",
};

describe("gatewayFactory", () => {
  it("builds the paypal gateway from its environment, sandbox by default", () => {
    const gateway = gatewayFactory.create(options(env));
    expect(gateway.id).toBe("paypal");
    expect(gateway.capabilities).toMatchObject({
      hostedCheckout: true,
      refunds: true,
      partialRefunds: true,
      payouts: true,
    });
    expect(gateway.capabilities.currencies).toEqual(["EUR", "USD", "GBP", "CHF", "CAD", "JPY"]);
    expect(gatewayFactory.create(options({ ...env, PAYPAL_ENVIRONMENT: "live" })).id).toBe(
      "paypal",
    );
  });

  it("names every missing variable", () => {
    expect(() =>
      gatewayFactory.create(
        options({ ...env, PAYPAL_CLIENT_SECRET: "", PAYPAL_WEBHOOK_ID: undefined }),
      ),
    ).toThrow(/PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID/);
    expect(() => gatewayFactory.create(options({ ...env, PAYPAL_CLIENT_ID: " " }))).toThrow(
      /PAYPAL_CLIENT_ID/,
    );
  });

  it("refuses an unknown environment", () => {
    expect(() =>
      gatewayFactory.create(options({ ...env, PAYPAL_ENVIRONMENT: "production" })),
    ).toThrow(/PAYPAL_ENVIRONMENT/);
  });
});
