import { describe, expect, it } from "vitest";
import { metricsRequestAllowed } from "./metrics-access.ts";

describe("metricsRequestAllowed", () => {
  const token = "metrics-token-0123456789";

  it("accepts only the exact bearer token when one is set", () => {
    const config = { telemetry: { metricsToken: token }, app: { env: "production" } } as const;
    expect(metricsRequestAllowed(config, `Bearer ${token}`)).toBe(true);
    for (const header of [
      undefined,
      null,
      "",
      token,
      `Basic ${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      "Bearer ",
    ]) {
      expect(metricsRequestAllowed(config, header), String(header)).toBe(false);
    }
  });

  it("is open without a token only outside production", () => {
    expect(
      metricsRequestAllowed(
        { telemetry: { metricsToken: undefined }, app: { env: "development" } },
        null,
      ),
    ).toBe(true);
    expect(
      metricsRequestAllowed(
        { telemetry: { metricsToken: undefined }, app: { env: "production" } },
        null,
      ),
    ).toBe(false);
  });
});
