import { createMemoryKeyValueStore, type KeyValueStore } from "@mentora/payment-gateway";
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

const silent = { info() {}, warn() {}, error() {} };
const stores = new Map<string, KeyValueStore>();
const runtime = {
  stateFor(gatewayId: string) {
    const store = stores.get(gatewayId) ?? createMemoryKeyValueStore();
    stores.set(gatewayId, store);
    return store;
  },
  logger: silent,
};

function load(packages: string[], routing = "TND:konnect,*:stripe", production = false) {
  return loadGatewayRegistry({
    packages,
    env,
    timeoutMs: 5_000,
    routing: routes(routing),
    runtime,
    production,
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
        runtime,
        production: false,
        importPackage: (name) => import(name),
      }),
    ).rejects.toThrowError(
      /"stripe" \(@mentora\/gateway-stripe\) could not be created: .*STRIPE_SECRET_KEY/,
    );
  });

  it("builds the sandbox like any adapter: its state in its own namespace, its routes on the gateway", async () => {
    const registry = await load(
      ["@mentora/gateway-sandbox", "@mentora/gateway-stripe"],
      "*:sandbox",
    );
    const sandbox = registry.get("sandbox");
    expect(sandbox.capabilities.movesMoney).toBe(false);
    expect(registry.get("stripe").capabilities.movesMoney).toBe(true);
    expect(Object.keys(sandbox.routes ?? {})).toEqual(["checkout"]);
    const session = await sandbox.createCheckout({
      paymentId: "pay_r",
      idempotencyKey: "payment:pay_r",
      amount: { amountMinor: 500, currency: "EUR" },
      description: "Session",
      successUrl: "http://localhost:3000/ok",
      cancelUrl: "http://localhost:3000/ko",
      expiresInMinutes: 15,
    });
    expect(session.redirectUrl).toBe(
      `http://localhost:3000/gateways/sandbox/checkout/${session.providerPaymentId}`,
    );
    // The books went to the sandbox's namespace only.
    expect(await stores.get("sandbox")?.get(`payment:${session.providerPaymentId}`)).not.toBeNull();
    expect(await stores.get("stripe")?.get(`payment:${session.providerPaymentId}`)).toBeNull();
  });

  it("production refuses a gateway that moves no money, by its capabilities, naming PAYMENT_GATEWAYS", async () => {
    await expect(
      load(["@mentora/gateway-stripe", "@mentora/gateway-sandbox"], "*:stripe", true),
    ).rejects.toThrowError(
      /"sandbox" \(@mentora\/gateway-sandbox\) moves no money.*remove @mentora\/gateway-sandbox from PAYMENT_GATEWAYS/,
    );
    // Whatever the package is called: a copy under another name is refused the same way.
    await expect(load([fixture("renamed-sandbox.ts")], "*:sandbox", true)).rejects.toThrowError(
      /moves no money/,
    );
    const real = await load(["@mentora/gateway-stripe"], "*:stripe", true);
    expect(real.ids).toEqual(["stripe"]);
  });
});
