import {
  type GatewayWebhookEvent,
  idempotencyKey,
  type WebhookRequest,
  type WebhookVerificationError,
} from "@mentora/payment-gateway";
import { afterEach, beforeEach, expect, it } from "vitest";
import { resigned, signedWebhook } from "./testing/fake-webhooks.ts";
import { describeWithSpecs } from "./testing/specs-gate.ts";
import { createStripeHarness, OK_ACCOUNT, type StripeHarness } from "./testing/stripe-harness.ts";

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${++sequence}`;

describeWithSpecs("Stripe webhooks: verification and mapping", (specsDir) => {
  let h: StripeHarness;
  beforeEach(async () => {
    h = await createStripeHarness(specsDir);
  });
  afterEach(async () => {
    await h.close();
  });

  async function checkout() {
    const paymentId = nextId("pay");
    return h.gateway.createCheckout({
      paymentId,
      idempotencyKey: idempotencyKey.payment(paymentId),
      amount: { amountMinor: 2_500, currency: "EUR" },
      description: "Mentoring session",
      customer: { email: "zoe@example.com" },
      successUrl: `https://mentora.test/payments/${paymentId}/return`,
      cancelUrl: `https://mentora.test/payments/${paymentId}/cancel`,
      expiresInMinutes: 60,
    });
  }

  async function delivered(): Promise<GatewayWebhookEvent[]> {
    const requests = await h.takeWebhooks();
    return (await Promise.all(requests.map((r) => h.gateway.parseWebhook(r)))).flat();
  }

  const refusal = (reason: WebhookVerificationError["reason"]) =>
    expect.objectContaining({ name: "WebhookVerificationError", reason });

  it("a paid checkout gives one payment.succeeded (with amount); the rest is ignored", async () => {
    const session = await checkout();
    h.fake.payer.pay(session.providerPaymentId);
    const requests = await h.takeWebhooks();
    const types = requests.map((r) => JSON.parse(new TextDecoder().decode(r.rawBody)).type);
    expect(types).toEqual(
      expect.arrayContaining(["checkout.session.completed", "payment_intent.succeeded"]),
    );
    const events = (await Promise.all(requests.map((r) => h.gateway.parseWebhook(r)))).flat();
    expect(events).toEqual([
      expect.objectContaining({
        type: "payment.succeeded",
        providerPaymentId: session.providerPaymentId,
        amount: { amountMinor: 2_500, currency: "EUR" },
        eventId: expect.stringMatching(/^evt_/),
        occurredAt: expect.any(Date),
      }),
    ]);
  });

  it("a declined card sends events we ignore, and the session stays payable", async () => {
    const session = await checkout();
    h.fake.payer.decline(session.providerPaymentId);
    expect(await delivered()).toEqual([]);
    expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("pending");
    h.fake.payer.pay(session.providerPaymentId);
    expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("succeeded");
  });

  it("a delayed method: completed unpaid is no success; then async success", async () => {
    const session = await checkout();
    h.fake.payer.payAsync(session.providerPaymentId);
    expect(await delivered()).toEqual([]);
    expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("pending");
    h.fake.payer.settleAsync(session.providerPaymentId, "succeeded");
    expect(await delivered()).toEqual([
      expect.objectContaining({
        type: "payment.succeeded",
        providerPaymentId: session.providerPaymentId,
      }),
    ]);
    expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("succeeded");
  });

  it("a delayed method that fails: payment.failed, and getPayment says failed", async () => {
    const session = await checkout();
    h.fake.payer.payAsync(session.providerPaymentId);
    await h.takeWebhooks();
    h.fake.payer.settleAsync(session.providerPaymentId, "failed");
    expect(await delivered()).toEqual([
      expect.objectContaining({
        type: "payment.failed",
        providerPaymentId: session.providerPaymentId,
      }),
    ]);
    expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("failed");
  });

  it("an expired session gives payment.expired", async () => {
    const session = await checkout();
    h.fake.expireSession(session.providerPaymentId);
    expect(await delivered()).toEqual([
      expect.objectContaining({
        type: "payment.expired",
        providerPaymentId: session.providerPaymentId,
      }),
    ]);
  });

  it("charge.refunded names the checkout session (found by its PaymentIntent), with the total refunded", async () => {
    const session = await checkout();
    h.fake.payer.pay(session.providerPaymentId);
    await h.takeWebhooks();
    for (const amountMinor of [500, 2_000]) {
      const refundId = nextId("ref");
      await h.gateway.refund({
        providerPaymentId: session.providerPaymentId,
        refundId,
        idempotencyKey: idempotencyKey.refund(refundId),
        amount: { amountMinor, currency: "EUR" },
      });
    }
    expect(await delivered()).toEqual([
      expect.objectContaining({
        type: "payment.refunded",
        providerPaymentId: session.providerPaymentId,
        amountRefunded: { amountMinor: 500, currency: "EUR" },
      }),
      expect.objectContaining({
        type: "payment.refunded",
        providerPaymentId: session.providerPaymentId,
        amountRefunded: { amountMinor: 2_500, currency: "EUR" },
      }),
    ]);
  });

  it("a refunded charge that no checkout session of ours made maps to nothing", async () => {
    const session = await checkout();
    h.fake.payer.pay(session.providerPaymentId);
    await h.takeWebhooks();
    const paid = [...h.fake.state.charges.values()][0];
    if (!paid) throw new Error("the fake made a charge");
    h.fake.emit("charge.refunded", { ...paid, payment_intent: "pi_3NotOneOfOursAtAll0000000" });
    expect(await delivered()).toEqual([]);
  });

  it("a reversed transfer gives payout.failed, and findPayout then says failed", async () => {
    const payoutId = nextId("po");
    const payout = await h.gateway.createPayout?.({
      payoutId,
      idempotencyKey: idempotencyKey.payout(payoutId),
      amount: { amountMinor: 1_000, currency: "EUR" },
      destination: { kind: "stripe_account", accountId: OK_ACCOUNT },
      note: "Earnings",
    });
    expect(payout?.status).toBe("paid");
    await h.takeWebhooks();
    h.fake.payer.reverseTransfer(payout?.providerPayoutId ?? "");
    expect(await delivered()).toEqual([
      expect.objectContaining({
        type: "payout.failed",
        providerPayoutId: payout?.providerPayoutId,
        failureReason: "transfer_reversed",
      }),
    ]);
    expect(
      await h.gateway.findPayout?.({ payoutId, idempotencyKey: idempotencyKey.payout(payoutId) }),
    ).toMatchObject({ status: "failed" });
  });

  it("refuses a missing, forged, tampered or stale signature, and a signed non-event", async () => {
    const session = await checkout();
    h.fake.payer.pay(session.providerPaymentId);
    const [request] = await h.takeWebhooks();
    if (!request) throw new Error("the fake delivered an event");
    const { "stripe-signature": _signature, ...unsigned } = request.headers;
    const tampered: WebhookRequest = {
      ...request,
      rawBody: new TextEncoder().encode(
        new TextDecoder().decode(request.rawBody).replace('"livemode": false', '"livemode": true'),
      ),
    };
    const garbage = signedWebhook("not json at all", h.fake.webhookSecret);
    const cases: [WebhookRequest, WebhookVerificationError["reason"]][] = [
      [{ ...request, headers: unsigned }, "missing_signature"],
      [h.forge(request), "bad_signature"],
      [tampered, "bad_signature"],
      [resigned(request, h.fake.webhookSecret, Math.floor(Date.now() / 1000) - 301), "stale"],
      [garbage, "malformed"],
    ];
    for (const [forged, reason] of cases) {
      await expect(h.gateway.parseWebhook(forged)).rejects.toEqual(refusal(reason));
    }
  });

  it("reads the signature header whatever its case", async () => {
    const session = await checkout();
    h.fake.expireSession(session.providerPaymentId);
    const [request] = await h.takeWebhooks();
    if (!request) throw new Error("the fake delivered an event");
    const { "stripe-signature": signature = "", ...rest } = request.headers;
    const events = await h.gateway.parseWebhook({
      ...request,
      headers: { ...rest, "Stripe-Signature": signature },
    });
    expect(events).toHaveLength(1);
  });
});
