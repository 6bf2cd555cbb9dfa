import { testGatewayRuntime } from "@mentora/payment-gateway/testing";
import { describe, expect, it } from "vitest";
import { gatewayFactory, sandboxOptionsFromEnv } from "./sandbox-env.ts";
import { createMemorySandboxStore } from "./sandbox-store.ts";

describe("sandbox options from the environment", () => {
  const deps = { store: createMemorySandboxStore() };

  it("needs PUBLIC_URL, and SANDBOX_WEBHOOK_SECRET in production", () => {
    expect(() => sandboxOptionsFromEnv({}, deps)).toThrow("PUBLIC_URL");
    expect(() =>
      sandboxOptionsFromEnv({ PUBLIC_URL: "https://m.example", NODE_ENV: "production" }, deps),
    ).toThrow("SANDBOX_WEBHOOK_SECRET");
  });

  it("works with nothing but PUBLIC_URL in development", () => {
    const options = sandboxOptionsFromEnv({ PUBLIC_URL: "http://localhost:3000" }, deps);
    expect(options.webhookSecret.length).toBeGreaterThan(20);
    const gateway = gatewayFactory.create(
      { PUBLIC_URL: "http://localhost:3000" },
      testGatewayRuntime(),
    );
    expect(gateway.id).toBe("sandbox");
    expect(gateway.capabilities.movesMoney).toBe(false);
    expect(Object.keys(gateway.routes ?? {})).toEqual(["checkout"]);
  });
});
