import { money, type WebhookRequest, WebhookVerificationError } from "@mentora/payment-gateway";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeKonnect } from "./testing/fake-konnect.ts";
import { konnectAgainstFake } from "./testing/konnect-harness.ts";

const hook = (query: string): WebhookRequest => ({
  method: "GET",
  url: `https://mentora.test/api/webhooks/konnect${query}`,
  headers: {},
  rawBody: new Uint8Array(),
});

let fake: FakeKonnect | undefined;
afterEach(async () => {
  await fake?.close();
});

async function withPayment() {
  const started = await konnectAgainstFake();
  fake = started.fake;
  const session = await started.gateway.createCheckout({
    paymentId: "pay_w",
    idempotencyKey: "payment:pay_w",
    amount: money(12_500, "TND"),
    description: "Session",
    successUrl: "https://mentora.test/ok",
    cancelUrl: "https://mentora.test/ko",
    expiresInMinutes: 15,
    webhookUrl: "https://mentora.test/api/webhooks/konnect",
  });
  return { ...started, ref: session.providerPaymentId };
}

describe("Konnect parseWebhook", () => {
  it.each([
    ["no payment_ref", ""],
    ["an empty payment_ref", "?payment_ref="],
    ["a path-like payment_ref", "?payment_ref=..%2F..%2Fadmin"],
    ["two payment_refs", "?payment_ref=aaaaaaaa&payment_ref=bbbbbbbb"],
  ])("refuses %s as malformed", async (_label, query) => {
    const { gateway } = await withPayment();
    await expect(gateway.parseWebhook(hook(query))).rejects.toSatisfy(
      (error) => error instanceof WebhookVerificationError && error.reason === "malformed",
    );
  });

  it("refuses a ref Konnect does not know", async () => {
    const { gateway } = await withPayment();
    await expect(
      gateway.parseWebhook(hook("?payment_ref=000000000000000000000000")),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it("a hint is only a check; a redelivery dedupes, a later real change gets a new id", async () => {
    const { fake, gateway, ref } = await withPayment();
    fake.decline(ref);
    const [declined] = fake.takeWebhookCalls();
    const first = await gateway.parseWebhook(hook(new URL(declined!).search));
    const again = await gateway.parseWebhook(hook(new URL(declined!).search));
    expect(first).toEqual([
      expect.objectContaining({ type: "payment.check", providerPaymentId: ref }),
    ]);
    expect(again[0]?.eventId).toBe(first[0]?.eventId);

    fake.pay(ref);
    const [completed] = fake.takeWebhookCalls();
    const later = await gateway.parseWebhook(hook(new URL(completed!).search));
    expect(later[0]?.eventId).not.toBe(first[0]?.eventId);
    expect(later[0]?.eventId).toBe(`konnect:${ref}:completed:2`);
  });

  it("when Konnect cannot be asked, the hint still gets through under a per-minute id", async () => {
    const { fake, gateway, ref } = await withPayment();
    fake.failNext("payment-details", 503);
    const [event] = await gateway.parseWebhook(hook(`?payment_ref=${ref}`));
    expect(event?.type).toBe("payment.check");
    expect(event?.eventId).toMatch(new RegExp(`^konnect:${ref}:unverified:\\d+$`));
  });
});
