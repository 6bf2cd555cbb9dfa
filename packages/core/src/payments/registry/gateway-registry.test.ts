import { createMemorySandboxStore } from "@mentora/gateway-sandbox";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PaymentRoute } from "../../config/schema.ts";
import { GatewayRegistryError, loadGatewayRegistry } from "./index.ts";

/** Dummy credentials and an address nothing listens on: creating a gateway calls no network. */
const env = {
  PUBLIC_URL: "http://localhost:3000",
  STRIPE_SECRET_KEY: "sk_test_dummy",
  STRIPE_WEBHOOK_SECRET: "whsec_dummy",
  STRIPE_API_URL: "http://127.0.0.1:9",
  KONNECT_API_KEY: "dummy-key",
  KONNECT_WALLET_ID: "dummy-wallet",
  KONNECT_API_URL: "http://127.0.0.1:9/api/v2/",
};
const fixture = (name: string) =>
  new URL(`../testing/gateway-packages/${name}`, import.meta.url).href;
const routes = (text: string): PaymentRoute[] =>
  text.split(",").map((rule) => {
    const [currency = "", gatewayId = ""] = rule.split(":");
    return { currency, gatewayId };
  });

function load(packages: string[], routing = "TND:konnect,*:stripe") {
  return loadGatewayRegistry({
    packages,
    env,
    timeoutMs: 5_000,
    routing: routes(routing),
    sandbox: { store: createMemorySandboxStore() },
    // As the app will: resolve packages from the caller's own dependencies.
    importPackage: (name) => import(name),
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("loadGatewayRegistry", () => {
  it("loads adapters by package name and routes by currency", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const registry = await load([
      "@mentora/gateway-sandbox",
      "@mentora/gateway-konnect",
      "@mentora/gateway-stripe",
    ]);
    expect(registry.ids).toEqual(["sandbox", "konnect", "stripe"]);
    expect(registry.get("sandbox").id).toBe("sandbox");
    expect(registry.forCurrency("TND").id).toBe("konnect");
    expect(registry.forCurrency("EUR").id).toBe("stripe");
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("throws a clear error for an unknown id", async () => {
    const registry = await load(["@mentora/gateway-stripe"], "*:stripe");
    expect(() => registry.get("paypal")).toThrowError(
      /Unknown payment gateway "paypal" \(loaded: stripe\)/,
    );
  });

  it("names a package that cannot be loaded", async () => {
    await expect(load(["@mentora/gateway-nowhere"], "*:stripe")).rejects.toThrowError(
      /Payment gateway package @mentora\/gateway-nowhere \(PAYMENT_GATEWAYS\) could not be loaded/,
    );
  });

  it("names a package without a gatewayFactory export", async () => {
    const name = fixture("no-factory.ts");
    const loading = load([name], "*:nameless");
    await expect(loading).rejects.toThrowError(GatewayRegistryError);
    await expect(loading).rejects.toThrowError(`${name} (PAYMENT_GATEWAYS) does not export`);
  });

  it("refuses two gateways with the same id", async () => {
    await expect(
      load(["@mentora/gateway-konnect", fixture("second-konnect.ts")], "*:konnect"),
    ).rejects.toThrowError(
      /id "konnect" from .*second-konnect\.ts is already taken by @mentora\/gateway-konnect/,
    );
  });

  it("refuses a routing rule to a gateway that is not loaded", async () => {
    await expect(load(["@mentora/gateway-stripe"])).rejects.toThrowError(
      /PAYMENT_ROUTING rule TND:konnect names a gateway that is not loaded \(loaded: stripe/,
    );
  });

  it("refuses a currency the routed gateway does not accept", async () => {
    // Stripe does not take TND: refused at load for an explicit rule…
    await expect(load(["@mentora/gateway-stripe"], "TND:stripe")).rejects.toThrowError(
      /"stripe" does not accept TND/,
    );
    // …and when a payment in it falls through to the fallback.
    const registry = await load(["@mentora/gateway-konnect"], "*:konnect");
    expect(registry.forCurrency("EUR").id).toBe("konnect");
    expect(() => registry.forCurrency("GBP")).toThrowError(/"konnect" does not accept GBP/);
  });

  it("refuses a currency no rule routes", async () => {
    const registry = await load(["@mentora/gateway-konnect"], "TND:konnect");
    expect(() => registry.forCurrency("EUR")).toThrowError(/No PAYMENT_ROUTING rule for EUR/);
  });

  it("names the gateway whose environment is incomplete", async () => {
    await expect(
      loadGatewayRegistry({
        packages: ["@mentora/gateway-stripe"],
        env: {},
        timeoutMs: 5_000,
        routing: routes("*:stripe"),
        importPackage: (name) => import(name),
      }),
    ).rejects.toThrowError(
      /"stripe" \(@mentora\/gateway-stripe\) could not be created: .*STRIPE_SECRET_KEY/,
    );
  });

  it("needs the app's store for the sandbox", async () => {
    await expect(
      loadGatewayRegistry({
        packages: ["@mentora/gateway-sandbox"],
        env,
        timeoutMs: 5_000,
        routing: routes("*:sandbox"),
        importPackage: (name) => import(name),
      }),
    ).rejects.toThrowError(/sandbox store/);
  });
});
