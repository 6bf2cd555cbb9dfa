import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeKonnect, startFakeKonnect } from "./testing/fake-konnect.ts";

// The fake must refuse what Konnect refuses, or the adapter tests prove nothing.
describe("fake Konnect validates init-payment as documented", () => {
  let fake: FakeKonnect;
  beforeEach(async () => {
    fake = await startFakeKonnect();
  });
  afterEach(() => fake.close());

  const init = (body: Record<string, unknown>, apiKey: string | null = fake.apiKey) =>
    fetch(new URL("payments/init-payment", fake.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json", ...(apiKey ? { "x-api-key": apiKey } : {}) },
      body: JSON.stringify(body),
    });
  const valid = () => ({ receiverWalletId: fake.walletId, amount: 90_000, token: "TND" });

  it("accepts a minimal valid body", async () => {
    const response = await init(valid());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { payUrl: string; paymentRef: string };
    expect(body.paymentRef).toMatch(/^[0-9a-f]{24}$/);
    expect(new URL(body.payUrl).searchParams.get("payment_ref")).toBe(body.paymentRef);
  });

  it.each([
    ["a missing amount", { amount: undefined }],
    ["a float amount", { amount: 90.5 }],
    ["a zero amount", { amount: 0 }],
    ["an unknown field", { currency: "TND" }],
    ["an unknown token", { token: "GBP" }],
    ["an unknown type", { type: "recurring" }],
    ["an unknown payment method", { acceptedPaymentMethods: ["paypal"] }],
    ["a fractional lifespan", { lifespan: 2.5 }],
  ])("rejects %s with 400", async (_label, change) => {
    const response = await init({ ...valid(), ...change });
    expect(response.status).toBe(400);
    expect(fake.requests).toHaveLength(0);
  });

  it("rejects a missing or wrong x-api-key with 401", async () => {
    expect((await init(valid(), null)).status).toBe(401);
    expect((await init(valid(), "wrong")).status).toBe(401);
  });
});
