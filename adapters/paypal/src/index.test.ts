import { testGatewayRuntime } from "@mentora/payment-gateway/testing";
import { describe, expect, it } from "vitest";
import { gatewayFactory } from "./index.ts";

const options = testGatewayRuntime({ timeoutMs: 5000 });

const env = {
  PAYPAL_CLIENT_ID: "client",
  PAYPAL_CLIENT_SECRET: "secret",
  PAYPAL_WEBHOOK_ID: "WH123",
};

describe("gatewayFactory", () => {
  it("builds the paypal gateway from its environment, sandbox by default", () => {
    const gateway = gatewayFactory.create(env, options);
    expect(gateway.id).toBe("paypal");
    expect(gateway.capabilities).toMatchObject({
      hostedCheckout: true,
      refunds: true,
      partialRefunds: true,
      payouts: true,
    });
    expect(gateway.capabilities.currencies).toEqual(["EUR", "USD", "GBP", "CHF", "CAD", "JPY"]);
    expect(gatewayFactory.create({ ...env, PAYPAL_ENVIRONMENT: "live" }, options).id).toBe(
      "paypal",
    );
  });

  it("names every missing variable", () => {
    expect(() =>
      gatewayFactory.create(
        { ...env, PAYPAL_CLIENT_SECRET: "", PAYPAL_WEBHOOK_ID: undefined },
        options,
      ),
    ).toThrow(/PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID/);
    expect(() => gatewayFactory.create({ ...env, PAYPAL_CLIENT_ID: " " }, options)).toThrow(
      /PAYPAL_CLIENT_ID/,
    );
  });

  it("refuses an unknown environment", () => {
    expect(() =>
      gatewayFactory.create({ ...env, PAYPAL_ENVIRONMENT: "production" }, options),
    ).toThrow(/PAYPAL_ENVIRONMENT/);
  });
});
