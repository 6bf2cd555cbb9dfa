import { type CreateCheckoutInput, GatewayError, type PayoutInput } from "@mentora/payment-gateway";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPayPalGateway } from "./paypal-gateway.ts";
import {
  createPayPalHarness,
  generateWebhookKeys,
  type PayPalHarness,
  testCredentials,
  testTimeoutMs,
} from "./testing/paypal-harness.ts";
import { paypalSpecsDir, skipReason } from "./testing/specs.ts";

const specsDir = paypalSpecsDir();
const keys = generateWebhookKeys();

const checkoutInput = (
  paymentId: string,
  overrides: Partial<CreateCheckoutInput> = {},
): CreateCheckoutInput => ({
  paymentId,
  idempotencyKey: `payment:${paymentId}`,
  amount: { amountMinor: 4500, currency: "EUR" },
  description: "Mentoring session — Zoé",
  customer: { email: "zoe@example.com" },
  successUrl: `https://mentora.test/payments/${paymentId}/return?secret=s3cr3t`,
  cancelUrl: `https://mentora.test/payments/${paymentId}/cancel`,
  expiresInMinutes: 30,
  ...overrides,
});

const payoutInput = (payoutId: string): PayoutInput => ({
  payoutId,
  idempotencyKey: `payout:${payoutId}`,
  amount: { amountMinor: 2000, currency: "EUR" },
  destination: { kind: "paypal_email", email: "mentor@mentora.test" },
  note: "Mentora earnings",
});

(specsDir ? describe : describe.skip)(`PayPal gateway${specsDir ? "" : `: ${skipReason}`}`, () => {
  let h: PayPalHarness;
  beforeEach(async () => {
    h = await createPayPalHarness(specsDir ?? "", keys);
  });
  afterEach(() => h.close());
  const seen = (operationId: string) =>
    h.fake.requests.filter((r) => r.operationId === operationId);
  /** The same adapter in another process: nothing remembered. */
  const restarted = () =>
    createPayPalGateway({
      ...testCredentials,
      environment: "sandbox",
      baseUrl: h.fake.url,
      timeoutMs: testTimeoutMs,
    });

  it("creates a CAPTURE order that carries our ids, URLs and key, and caps the lifetime at 3 h", async () => {
    const session = await h.gateway.createCheckout(
      checkoutInput("pay_a", { expiresInMinutes: 600 }),
    );
    const [create] = seen("orders.create");
    expect(create?.headers["paypal-request-id"]).toBe("payment:pay_a");
    expect(create?.body).toMatchObject({
      intent: "CAPTURE",
      purchase_units: [
        {
          custom_id: "pay_a",
          invoice_id: "pay_a",
          amount: { currency_code: "EUR", value: "45.00" },
        },
      ],
      payment_source: {
        paypal: {
          email_address: "zoe@example.com",
          experience_context: {
            user_action: "PAY_NOW",
            return_url: "https://mentora.test/payments/pay_a/return?secret=s3cr3t",
          },
        },
      },
    });
    expect(session.redirectUrl).toContain(session.providerPaymentId);
    const lifetime = session.expiresAt.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(179 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(180 * 60_000);
    const payment = await h.gateway.getPayment(session.providerPaymentId);
    expect(payment).toMatchObject({
      status: "pending",
      paymentId: "pay_a",
      amountRefunded: { amountMinor: 0 },
    });
  });

  it("sends zero-decimal currencies as whole numbers", async () => {
    const session = await h.gateway.createCheckout(
      checkoutInput("pay_jpy", { amount: { amountMinor: 7000, currency: "JPY" } }),
    );
    expect(seen("orders.create")[0]?.body).toMatchObject({
      purchase_units: [{ amount: { currency_code: "JPY", value: "7000" } }],
    });
    expect((await h.gateway.getPayment(session.providerPaymentId)).amount).toEqual({
      amountMinor: 7000,
      currency: "JPY",
    });
  });

  it("capture-on-read: the return URL and the webhook, concurrently, capture once", async () => {
    const session = await h.gateway.createCheckout(checkoutInput("pay_both"));
    await h.payerAction(session, "pay");
    const [fromReturn, fromWebhook] = await Promise.all([
      h.gateway.getPayment(session.providerPaymentId),
      h.gateway.getPayment(session.providerPaymentId),
    ]);
    expect(fromReturn.status).toBe("succeeded");
    expect(fromWebhook.status).toBe("succeeded");
    const captures = seen("orders.capture");
    expect(captures.map((r) => r.headers["paypal-request-id"])).toEqual(
      captures.map(() => `capture:${session.providerPaymentId}`),
    );
    const completed = (await h.takeWebhooks()).filter((r) =>
      Buffer.from(r.rawBody).toString("utf8").includes("PAYMENT.CAPTURE.COMPLETED"),
    );
    expect(completed).toHaveLength(1);
  });

  it("a lost capture answer is indeterminate; the next read finds the capture", async () => {
    const session = await h.gateway.createCheckout(checkoutInput("pay_lostcap"));
    await h.payerAction(session, "pay");
    h.fake.loseNextResponse("orders.capture");
    await expect(h.gateway.getPayment(session.providerPaymentId)).rejects.toSatisfy(
      (e) => e instanceof GatewayError && e.kind === "indeterminate",
    );
    expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("succeeded");
    expect(seen("orders.capture")).toHaveLength(1);
  });

  it("a funding source refused at capture (INSTRUMENT_DECLINED) reads as failed, nothing captured", async () => {
    const session = await h.gateway.createCheckout(checkoutInput("pay_instr"));
    h.fake.payer.decline(session.providerPaymentId, "instrument_declined");
    expect((await h.gateway.getPayment(session.providerPaymentId)).status).toBe("failed");
    expect(seen("orders.capture").map((r) => r.status)).toEqual([422]);
  });

  it("refunds replay by key, refuse what was never captured, and sum into getPayment", async () => {
    const unpaid = await h.gateway.createCheckout(checkoutInput("pay_unpaid"));
    const refund = (providerPaymentId: string, refundId: string, amountMinor: number) =>
      h.gateway.refund({
        providerPaymentId,
        refundId,
        idempotencyKey: `refund:${refundId}`,
        amount: { amountMinor, currency: "EUR" },
        reason: "Session cancelled",
      });
    await expect(refund(unpaid.providerPaymentId, "ref_x", 100)).rejects.toSatisfy(
      (e) => e instanceof GatewayError && e.kind === "permanent" && e.code === "not_captured",
    );
    const session = await h.gateway.createCheckout(checkoutInput("pay_ref"));
    await h.payerAction(session, "pay");
    const first = await refund(session.providerPaymentId, "ref_1", 1500);
    const replayed = await refund(session.providerPaymentId, "ref_1", 1500);
    expect(replayed).toEqual(first);
    expect(first.status).toBe("succeeded");
    expect(seen("captures.refund")[0]?.body).toMatchObject({
      custom_id: "ref_1",
      note_to_payer: "Session cancelled",
    });
    const payment = await h.gateway.getPayment(session.providerPaymentId);
    expect(payment).toMatchObject({
      status: "partially_refunded",
      amountRefunded: { amountMinor: 1500 },
    });
  });

  it("payouts: a resubmitted payout id returns the original batch, even from a restarted process", async () => {
    const created = await h.gateway.createPayout?.(payoutInput("po_1"));
    const again = await restarted().createPayout?.(payoutInput("po_1"));
    expect(again?.providerPayoutId).toBe(created?.providerPayoutId);
    expect(again?.status).toBe("pending"); // the first answer, replayed
    expect(seen("payouts.post").map((r) => r.status)).toEqual([201, 201]); // replayed by PayPal-Request-Id
    const otherKey = { ...payoutInput("po_1"), idempotencyKey: "payout:po_1:other" };
    const duplicate = await restarted().createPayout?.(otherKey);
    expect(duplicate).toEqual({ providerPayoutId: created?.providerPayoutId, status: "paid" });
    expect(seen("payouts.post").at(-1)?.status).toBe(400); // refused as a duplicate sender_batch_id
    expect(
      await h.gateway.findPayout?.({ payoutId: "po_1", idempotencyKey: "payout:po_1" }),
    ).toMatchObject({
      providerPayoutId: created?.providerPayoutId,
      status: "paid",
    });
  });

  it("findPayout in a restarted process finds the payout by the batch id core stored", async () => {
    const created = await h.gateway.createPayout?.(payoutInput("po_2"));
    expect(created?.providerPayoutId).toBeTruthy();
    const batchGets = seen("payouts.get").length;
    const found = await restarted().findPayout?.({
      payoutId: "po_2",
      idempotencyKey: "payout:po_2",
      providerPayoutId: created?.providerPayoutId as string,
    });
    expect(found).toMatchObject({ providerPayoutId: created?.providerPayoutId, status: "paid" });
    // Asked PayPal for that batch (no resubmission: nothing is known in memory there).
    expect(seen("payouts.get").length).toBe(batchGets + 1);
    expect(seen("payouts.post")).toHaveLength(1);
  });

  it("findPayout in a restarted process without the batch id cannot know: null, though PayPal has it", async () => {
    await h.gateway.createPayout?.(payoutInput("po_3"));
    expect(
      await restarted().findPayout?.({ payoutId: "po_3", idempotencyKey: "payout:po_3" }),
    ).toBeNull();
  });
});
