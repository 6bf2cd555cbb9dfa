import { type CreateCheckoutInput, GatewayError, money } from "@mentora/payment-gateway";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeKonnect } from "./testing/fake-konnect.ts";
import { konnectAgainstFake } from "./testing/konnect-harness.ts";

const input = (over: Partial<CreateCheckoutInput> = {}): CreateCheckoutInput => ({
  paymentId: "pay_1",
  idempotencyKey: "payment:pay_1",
  amount: money(90_000, "TND"),
  description: "Mentoring session",
  customer: { email: "zoe@example.com", name: "Zoé Côté Ben Ali" },
  successUrl: "https://mentora.test/payments/pay_1/return?secret=s",
  cancelUrl: "https://mentora.test/payments/pay_1/cancel",
  expiresInMinutes: 15,
  webhookUrl: "https://mentora.test/api/webhooks/konnect",
  ...over,
});

const failsWith = (kind: GatewayError["kind"], code: string) => (error: unknown) =>
  error instanceof GatewayError && error.kind === kind && error.code === code;

let fake: FakeKonnect | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
async function start(over: Parameters<typeof konnectAgainstFake>[0] = {}) {
  const started = await konnectAgainstFake(over);
  fake = started.fake;
  return started;
}

describe("Konnect createCheckout", () => {
  it("sends TND in millimes and every documented field we use", async () => {
    const { fake, gateway } = await start();
    const session = await gateway.createCheckout(input());
    expect(fake.requests[0]?.body).toEqual({
      receiverWalletId: fake.walletId,
      token: "TND",
      amount: 90_000,
      type: "immediate",
      description: "Mentoring session",
      acceptedPaymentMethods: ["bank_card", "wallet", "e-DINAR"],
      lifespan: 15,
      checkoutForm: false,
      addPaymentFeesToAmount: false,
      firstName: "Zoé",
      lastName: "Côté Ben Ali",
      email: "zoe@example.com",
      orderId: "pay_1",
      webhook: "https://mentora.test/api/webhooks/konnect",
      successUrl: "https://mentora.test/payments/pay_1/return?secret=s",
      failUrl: "https://mentora.test/payments/pay_1/cancel",
    });
    expect(fake.payments.byRef.has(session.providerPaymentId)).toBe(true);
    expect(session.redirectUrl).toContain(`payment_ref=${session.providerPaymentId}`);
  });

  it("sends EUR in cents, bounds the lifespan by config, and asks for the form without a payer", async () => {
    const { fake, gateway } = await start({ lifespanMinutes: 20 });
    const before = Date.now();
    const session = await gateway.createCheckout(
      input({ amount: money(1_250, "EUR"), expiresInMinutes: 120, customer: undefined }),
    );
    expect(fake.requests[0]?.body).toMatchObject({ token: "EUR", amount: 1_250, lifespan: 20 });
    expect(fake.requests[0]?.body).toMatchObject({ checkoutForm: true });
    expect(session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 20 * 60_000);
    expect(session.expiresAt.getTime()).toBeLessThan(before + 21 * 60_000);
  });

  it("refuses a currency Konnect does not take, without calling it", async () => {
    const { fake, gateway } = await start();
    await expect(gateway.createCheckout(input({ amount: money(100, "GBP") }))).rejects.toSatisfy(
      failsWith("permanent", "unsupported_currency"),
    );
    expect(fake.calls["init-payment"]).toBe(0);
  });
});

describe("Konnect error mapping", () => {
  it("a timeout is indeterminate and is not retried", async () => {
    const { fake, gateway } = await start({ timeoutMs: 200 });
    fake.loseNextResponse("init-payment", "stall");
    await expect(gateway.createCheckout(input())).rejects.toSatisfy(
      failsWith("indeterminate", "timeout"),
    );
    expect(fake.calls["init-payment"]).toBe(1);
  });

  it("a connection cut after sending is indeterminate", async () => {
    const { fake, gateway } = await start();
    fake.loseNextResponse("init-payment", "reset");
    await expect(gateway.createCheckout(input())).rejects.toSatisfy(
      failsWith("indeterminate", "network_interrupted"),
    );
  });

  it("a 503 is retryable after one request (core retries); 429 is rate_limited with its Retry-After", async () => {
    const { fake, gateway } = await start();
    fake.failNext("init-payment", 503, 3);
    await expect(gateway.createCheckout(input())).rejects.toSatisfy(
      failsWith("retryable", "provider_unavailable"),
    );
    expect(fake.calls["init-payment"]).toBe(1);
    fake.failNext("payment-details", 429, 1, { "retry-after": "3" });
    await expect(gateway.getPayment("5f7a209aeb3f76490ac4a3d1")).rejects.toMatchObject({
      kind: "retryable",
      code: "rate_limited",
      retryAfterMs: 3000,
    });
  });

  it("a 400 is permanent and not retried", async () => {
    const { fake, gateway } = await start();
    fake.failNext("init-payment", 400);
    await expect(gateway.createCheckout(input())).rejects.toSatisfy(
      failsWith("permanent", "invalid_request"),
    );
    expect(fake.calls["init-payment"]).toBe(1);
  });

  it("a wrong api key is permanent unauthorized; an unknown payment is not_found", async () => {
    const { gateway } = await start({ apiKey: "wrong" });
    await expect(gateway.createCheckout(input())).rejects.toSatisfy(
      failsWith("permanent", "unauthorized"),
    );
    const other = await konnectAgainstFake();
    await expect(other.gateway.getPayment("000000000000000000000000")).rejects.toSatisfy(
      failsWith("permanent", "not_found"),
    );
    await other.fake.close();
  });

  it("a refused connection is retryable: nothing was sent", async () => {
    const { fake, gateway } = await start();
    await fake.close();
    await expect(gateway.getPayment("5f7a209aeb3f76490ac4a3d1")).rejects.toSatisfy(
      failsWith("retryable", "network_unreachable"),
    );
  });
});

describe("Konnect getPayment, refunds and payouts", () => {
  it("a declined attempt reads pending; the payment's own status decides, with our order id", async () => {
    const { fake, gateway } = await start();
    const session = await gateway.createCheckout(input());
    fake.decline(session.providerPaymentId);
    expect(await gateway.getPayment(session.providerPaymentId)).toEqual({
      providerPaymentId: session.providerPaymentId,
      status: "pending",
      amount: money(90_000, "TND"),
      amountRefunded: money(0, "TND"),
      paymentId: "pay_1",
    });
    fake.pay(session.providerPaymentId);
    expect((await gateway.getPayment(session.providerPaymentId)).status).toBe("succeeded");
  });

  it("refunds and payouts are permanent not_supported", async () => {
    const { gateway } = await start();
    const refund = gateway.refund({
      providerPaymentId: "x",
      refundId: "r",
      idempotencyKey: "refund:r",
      amount: money(1, "TND"),
    });
    await expect(refund).rejects.toSatisfy(failsWith("permanent", "not_supported"));
    const payout = gateway.createPayout?.({
      payoutId: "p",
      idempotencyKey: "payout:p",
      amount: money(1, "TND"),
      destination: { kind: "paypal_email", email: "m@example.com" },
      note: "n",
    });
    await expect(payout).rejects.toSatisfy(failsWith("permanent", "not_supported"));
  });
});
