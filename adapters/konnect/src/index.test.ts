import { describe, expect, it } from "vitest";
import { gatewayFactory } from "./index.ts";

// GatewayFactory's options type (an env record & { timeoutMs: number }) admits no object
// literal: its index signature says every property is a string. Cast once, here.
type FactoryOptions = Parameters<typeof gatewayFactory.create>[0];
const options = (env: Record<string, string>): FactoryOptions =>
  ({ ...env, timeoutMs: 1000 }) as unknown as FactoryOptions;

describe("konnect gatewayFactory", () => {
  it("names every missing variable", () => {
    expect(() => gatewayFactory.create(options({}))).toThrow("KONNECT_API_KEY, KONNECT_WALLET_ID");
  });

  it("refuses a lifespan that is not whole minutes and an API URL that is not a URL", () => {
    const base = { KONNECT_API_KEY: "k", KONNECT_WALLET_ID: "w" };
    expect(() =>
      gatewayFactory.create(options({ ...base, KONNECT_LIFESPAN_MINUTES: "1.5" })),
    ).toThrow("KONNECT_LIFESPAN_MINUTES");
    expect(() => gatewayFactory.create(options({ ...base, KONNECT_API_URL: "nope" }))).toThrow(
      "KONNECT_API_URL",
    );
  });

  it("builds the konnect gateway", () => {
    const gateway = gatewayFactory.create(
      options({
        KONNECT_API_KEY: "k",
        KONNECT_WALLET_ID: "w",
        KONNECT_API_URL: "https://api.preprod.konnect.network/api/v2/",
        KONNECT_LIFESPAN_MINUTES: "20",
      }),
    );
    expect(gateway.id).toBe("konnect");
    expect(gateway.capabilities).toMatchObject({ refunds: false, payouts: false });
  });
});
