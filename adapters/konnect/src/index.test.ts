import { testGatewayRuntime } from "@mentora/payment-gateway/testing";
import { describe, expect, it } from "vitest";
import { gatewayFactory } from "./index.ts";

const options = testGatewayRuntime({ timeoutMs: 1000 });

describe("konnect gatewayFactory", () => {
  it("names every missing variable", () => {
    expect(() => gatewayFactory.create({}, options)).toThrow("KONNECT_API_KEY, KONNECT_WALLET_ID");
  });

  it("refuses a lifespan that is not whole minutes and an API URL that is not a URL", () => {
    const base = { KONNECT_API_KEY: "k", KONNECT_WALLET_ID: "w" };
    expect(() =>
      gatewayFactory.create({ ...base, KONNECT_LIFESPAN_MINUTES: "1.5" }, options),
    ).toThrow("KONNECT_LIFESPAN_MINUTES");
    expect(() => gatewayFactory.create({ ...base, KONNECT_API_URL: "nope" }, options)).toThrow(
      "KONNECT_API_URL",
    );
  });

  it("builds the konnect gateway", () => {
    const gateway = gatewayFactory.create(
      {
        KONNECT_API_KEY: "k",
        KONNECT_WALLET_ID: "w",
        KONNECT_API_URL: "https://api.preprod.konnect.network/api/v2/",
        KONNECT_LIFESPAN_MINUTES: "20",
      },
      options,
    );
    expect(gateway.id).toBe("konnect");
    expect(gateway.capabilities).toMatchObject({ refunds: false, payouts: false });
  });
});
