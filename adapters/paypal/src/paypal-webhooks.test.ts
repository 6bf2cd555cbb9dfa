import {
  type GatewayWebhookEvent,
  type WebhookRequest,
  WebhookVerificationError,
} from "@mentora/payment-gateway";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createPayPalHarness,
  generateWebhookKeys,
  type PayPalHarness,
} from "./testing/paypal-harness.ts";
import { paypalSpecsDir, skipReason } from "./testing/specs.ts";

const specsDir = paypalSpecsDir();
const keys = generateWebhookKeys();

const refusedFor = (reason: WebhookVerificationError["reason"]) => (error: unknown) =>
  error instanceof WebhookVerificationError && error.reason === reason;

(specsDir ? describe : describe.skip)(`PayPal webhooks${specsDir ? "" : `: ${skipReason}`}`, () => {
  let h: PayPalHarness;
  beforeEach(async () => {
    h = await createPayPalHarness(specsDir ?? "", keys);
  });
  afterEach(() => h.close());

  async function paidOrder(): Promise<string> {
    const session = await h.gateway.createCheckout({
      paymentId: "pay_wh",
      idempotencyKey: "payment:pay_wh",
      amount: { amountMinor: 4500, currency: "EUR" },
      description: "Mentoring session",
      successUrl: "https://mentora.test/return",
      cancelUrl: "https://mentora.test/cancel",
      expiresInMinutes: 30,
    });
    await h.payerAction(session, "pay");
    return session.providerPaymentId;
  }
  const parse = async (requests: WebhookRequest[]) =>
    (await Promise.all(requests.map((r) => h.gateway.parseWebhook(r)))).flat();
  const take = async () => parse(await h.takeWebhooks());

  it("maps approval and capture to payment.succeeded on the order id, with the amount", async () => {
    const orderId = await paidOrder();
    await h.gateway.getPayment(orderId); // captures
    const events = await take();
    expect(events.map((e) => e.type)).toEqual(["payment.succeeded", "payment.succeeded"]);
    for (const event of events) {
      expect(event).toMatchObject({
        providerPaymentId: orderId,
        amount: { amountMinor: 4500, currency: "EUR" },
      });
      expect(event.eventId).toMatch(/^WH-/);
    }
  });

  it("maps a refund to payment.refunded with the capture's refunded total, found via the capture", async () => {
    const orderId = await paidOrder();
    await h.gateway.getPayment(orderId);
    await h.takeWebhooks();
    await h.gateway.refund({
      providerPaymentId: orderId,
      refundId: "ref_1",
      idempotencyKey: "refund:ref_1",
      amount: { amountMinor: 1000, currency: "EUR" },
    });
    await h.gateway.refund({
      providerPaymentId: orderId,
      refundId: "ref_2",
      idempotencyKey: "refund:ref_2",
      amount: { amountMinor: 500, currency: "EUR" },
    });
    const events = await take();
    expect(
      events.map((e) => e.type === "payment.refunded" && e.amountRefunded.amountMinor),
    ).toEqual([1000, 1500]);
    expect(events.every((e) => "providerPaymentId" in e && e.providerPaymentId === orderId)).toBe(
      true,
    );
    expect(h.fake.requests.filter((r) => r.operationId === "captures.get")).toHaveLength(2);
  });

  it("maps a declined capture to payment.failed", async () => {
    const session = await h.gateway.createCheckout({
      paymentId: "pay_decl",
      idempotencyKey: "payment:pay_decl",
      amount: { amountMinor: 4500, currency: "EUR" },
      description: "Mentoring session",
      successUrl: "https://mentora.test/return",
      cancelUrl: "https://mentora.test/cancel",
      expiresInMinutes: 30,
    });
    await h.payerAction(session, "decline");
    expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("failed");
    const failed = (await take()).filter((e) => e.type === "payment.failed");
    expect(failed).toMatchObject([{ providerPaymentId: session.providerPaymentId }]);
  });

  it("maps payout items, and ignores event types it does not know", async () => {
    await h.gateway.createPayout?.({
      payoutId: "po_wh",
      idempotencyKey: "payout:po_wh",
      amount: { amountMinor: 2000, currency: "EUR" },
      destination: { kind: "paypal_email", email: "locked-mentor@mentora.test" },
      note: "Mentora earnings",
    });
    h.fake.emitEvent("CUSTOMER.DISPUTE.CREATED", "dispute", { dispute_id: "PP-D-1" });
    const events: GatewayWebhookEvent[] = await take();
    expect(events).toMatchObject([
      { type: "payout.failed", failureReason: "RECEIVER_ACCOUNT_LOCKED" },
    ]);
  });

  it("refuses missing headers, stale or future transmissions, forgeries and edited bodies", async () => {
    await paidOrder();
    const [request] = await h.takeWebhooks();
    if (!request) throw new Error("no webhook");
    const { "paypal-transmission-sig": _sig, ...unsigned } = request.headers;
    await expect(h.gateway.parseWebhook({ ...request, headers: unsigned })).rejects.toSatisfy(
      refusedFor("missing_signature"),
    );
    const future = h.fake.resign(request, new Date(Date.now() + 10 * 60_000));
    await expect(h.gateway.parseWebhook(future)).rejects.toSatisfy(refusedFor("stale"));
    await expect(h.gateway.parseWebhook(h.forge(request))).rejects.toSatisfy(
      refusedFor("bad_signature"),
    );
    const edited = JSON.parse(Buffer.from(request.rawBody).toString("utf8"));
    edited.resource.id = "SOMEOTHERORDER1";
    const rawBody = new Uint8Array(Buffer.from(JSON.stringify(edited)));
    await expect(h.gateway.parseWebhook({ ...request, rawBody })).rejects.toSatisfy(
      refusedFor("bad_signature"),
    );
    await expect(
      h.gateway.parseWebhook({ ...request, rawBody: new Uint8Array(Buffer.from("not json")) }),
    ).rejects.toSatisfy(refusedFor("malformed"));
    // Header names arrive in any case.
    const upper = Object.fromEntries(
      Object.entries(request.headers).map(([k, v]) => [k.toUpperCase(), v]),
    );
    expect(await h.gateway.parseWebhook({ ...request, headers: upper })).toHaveLength(1);
  });

  it("refuses a foreign certificate URL or algorithm without asking PayPal", async () => {
    await paidOrder();
    const [request] = await h.takeWebhooks();
    if (!request) throw new Error("no webhook");
    const before = h.fake.requests.length;
    for (const certUrl of [
      "https://evil.example/cert.pem",
      "http://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-1",
      "https://paypal.com.evil.example/cert.pem",
      "https://api-m.sandbox.paypal.com:8443/cert.pem",
      "not a url",
    ]) {
      const headers = { ...request.headers, "paypal-cert-url": certUrl };
      await expect(h.gateway.parseWebhook({ ...request, headers })).rejects.toSatisfy(
        refusedFor("bad_signature"),
      );
    }
    const headers = { ...request.headers, "paypal-auth-algo": "none" };
    await expect(h.gateway.parseWebhook({ ...request, headers })).rejects.toSatisfy(
      refusedFor("bad_signature"),
    );
    expect(h.fake.requests.slice(before)).toEqual([]);
  });
});
