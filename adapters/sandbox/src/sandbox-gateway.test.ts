import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type CreateCheckoutInput, GatewayError, money } from "@mentora/payment-gateway";
import { describe, expect, it } from "vitest";
import { createSandboxGateway } from "./sandbox-gateway.ts";
import { createMemorySandboxStore, type SandboxStore } from "./sandbox-store.ts";
import { createSandboxRig, rigSecret, toWebhookRequest } from "./testing/sandbox-rig.ts";
import { sandboxSignatureHeader, signSandboxPayload } from "./webhook-signature.ts";

const input = (over: Partial<CreateCheckoutInput> = {}): CreateCheckoutInput => ({
  paymentId: "pay_g",
  idempotencyKey: "payment:pay_g",
  amount: money(10_000, "EUR"),
  description: "Session",
  successUrl: "https://mentora.test/ok",
  cancelUrl: "https://mentora.test/ko",
  expiresInMinutes: 15,
  ...over,
});

const failsWith = (kind: GatewayError["kind"], code: string) => (error: unknown) =>
  error instanceof GatewayError && error.kind === kind && error.code === code;

async function paidRig() {
  const rig = createSandboxRig();
  const session = await rig.gateway.createCheckout(input());
  await rig.post(session.redirectUrl, "pay");
  rig.deliveries.splice(0);
  return { rig, ref: session.providerPaymentId };
}

describe("sandbox gateway", () => {
  it("checkout: the same key returns the same checkout; the key reused for another payment is refused", async () => {
    const rig = createSandboxRig();
    const a = await rig.gateway.createCheckout(input());
    const b = await rig.gateway.createCheckout(input());
    expect(b).toEqual(a);
    expect(a.redirectUrl).toBe(
      `https://mentora.test/gateways/sandbox/checkout/${a.providerPaymentId}`,
    );
    await expect(rig.gateway.createCheckout(input({ amount: money(1, "EUR") }))).rejects.toSatisfy(
      failsWith("permanent", "idempotency_key_reused"),
    );
  });

  it("refunds: the same key refunds once; a pending payment is not refundable", async () => {
    const { rig, ref } = await paidRig();
    const refund = {
      providerPaymentId: ref,
      refundId: "ref_1",
      idempotencyKey: "refund:ref_1",
      amount: money(4_000, "EUR"),
    };
    const first = await rig.gateway.refund(refund);
    const again = await rig.gateway.refund(refund);
    expect(again.providerRefundId).toBe(first.providerRefundId);
    expect((await rig.gateway.getPayment(ref)).amountRefunded).toEqual(money(4_000, "EUR"));
    expect(rig.deliveries).toHaveLength(1);
    const [event] = await rig.gateway.parseWebhook(toWebhookRequest(rig.deliveries[0]!));
    expect(event).toMatchObject({
      type: "payment.refunded",
      providerRefundId: first.providerRefundId,
      amountRefunded: money(4_000, "EUR"),
    });
    await expect(
      rig.gateway.refund({ ...refund, amount: money(4_000, "USD"), idempotencyKey: "refund:x" }),
    ).rejects.toSatisfy(failsWith("permanent", "currency_mismatch"));

    const pending = await rig.gateway.createCheckout(input({ idempotencyKey: "payment:other" }));
    await expect(
      rig.gateway.refund({ ...refund, providerPaymentId: pending.providerPaymentId }),
    ).rejects.toSatisfy(failsWith("permanent", "not_refundable"));
  });

  it("payouts: the same key pays once and reports the same payout", async () => {
    const rig = createSandboxRig();
    const payout = {
      payoutId: "po_1",
      idempotencyKey: "payout:po_1",
      amount: money(5_000, "EUR"),
      destination: { kind: "stripe_account" as const, accountId: "acct_123" },
      note: "Earnings",
    };
    const first = await rig.gateway.createPayout!(payout);
    expect(await rig.gateway.createPayout!(payout)).toEqual(first);
    expect(first.status).toBe("paid");
    expect(rig.deliveries).toHaveLength(1);
    const failed = await rig.gateway.createPayout!({
      ...payout,
      idempotencyKey: "payout:po_2",
      destination: { kind: "stripe_account", accountId: "acct_FAIL" },
    });
    expect(failed).toMatchObject({
      status: "failed",
      failureReason: "sandbox_destination_rejected",
    });
  });

  it("a store that cannot be read is retryable; an unknown payment is not_found", async () => {
    const broken: SandboxStore = {
      ...createMemorySandboxStore(),
      getPayment: () => Promise.reject(new Error("db down")),
    };
    const gateway = createSandboxGateway({
      store: broken,
      publicUrl: "https://mentora.test",
      webhookSecret: rigSecret,
    });
    await expect(gateway.getPayment("sbx_pay_x")).rejects.toSatisfy(
      failsWith("retryable", "store_unavailable"),
    );
    const rig = createSandboxRig();
    await expect(rig.gateway.getPayment("sbx_pay_x")).rejects.toSatisfy(
      failsWith("permanent", "not_found"),
    );
  });

  it("a failed delivery is reported, never undoes the payment", async () => {
    const failures: unknown[] = [];
    const store = createMemorySandboxStore();
    const options = {
      store,
      publicUrl: "https://mentora.test",
      webhookSecret: rigSecret,
      deliver: () => Promise.reject(new Error("edge down")),
      onDeliveryError: (error: unknown) => failures.push(error),
    };
    const gateway = createSandboxGateway(options);
    const payout = await gateway.createPayout!({
      payoutId: "po",
      idempotencyKey: "payout:po",
      amount: money(1, "EUR"),
      destination: { kind: "paypal_email", email: "m@example.com" },
      note: "n",
    });
    expect(payout.status).toBe("paid");
    expect(failures).toHaveLength(1);
  });

  it("by default POSTs the signed webhook to the payment's webhook URL", async () => {
    const received: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const gateway = createSandboxGateway({
        store: createMemorySandboxStore(),
        publicUrl: `http://127.0.0.1:${port}`,
        webhookSecret: rigSecret,
      });
      await gateway.createPayout!({
        payoutId: "po",
        idempotencyKey: "payout:po",
        amount: money(1, "EUR"),
        destination: { kind: "paypal_email", email: "m@example.com" },
        note: "n",
      });
      expect(received).toHaveLength(1);
      const [delivery] = received;
      const events = await gateway.parseWebhook({
        method: "POST",
        url: `http://127.0.0.1:${port}/api/webhooks/sandbox`,
        headers: { [sandboxSignatureHeader]: String(delivery?.headers[sandboxSignatureHeader]) },
        rawBody: new TextEncoder().encode(delivery?.body),
      });
      expect(events[0]?.type).toBe("payout.paid");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("ignores unknown event types and refuses a signed body that is not an event", async () => {
    const rig = createSandboxRig();
    const signed = (body: string) => ({
      method: "POST",
      url: "https://mentora.test/api/webhooks/sandbox",
      headers: { [sandboxSignatureHeader]: signSandboxPayload(rigSecret, body, rig.now()) },
      rawBody: new TextEncoder().encode(body),
    });
    expect(
      await rig.gateway.parseWebhook(signed('{"id":"e","type":"charge.dispute","created":1}')),
    ).toEqual([]);
    await expect(rig.gateway.parseWebhook(signed("not json"))).rejects.toMatchObject({
      reason: "malformed",
    });
  });
});
