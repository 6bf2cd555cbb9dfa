import { createServer } from "node:net";
import {
  callWithRetry,
  GatewayError,
  idempotencyKey,
  type PaymentGateway,
} from "@mentora/payment-gateway";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkoutExpiresAt } from "./checkout-params.ts";
import { createStripeGateway } from "./stripe-gateway.ts";
import type { FakeStripe } from "./testing/fake-stripe.ts";
import { describeWithSpecs } from "./testing/specs-gate.ts";
import {
  createStripeHarness,
  FAILING_ACCOUNT,
  fastRetries,
  type StripeHarness,
} from "./testing/stripe-harness.ts";

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${++sequence}`;

function checkoutInput(paymentId = nextId("pay"), currency = "EUR") {
  return {
    paymentId,
    idempotencyKey: idempotencyKey.payment(paymentId),
    amount: { amountMinor: 2_500, currency },
    description: "Mentoring session",
    successUrl: `https://mentora.test/payments/${paymentId}/return`,
    cancelUrl: `https://mentora.test/payments/${paymentId}/cancel`,
    expiresInMinutes: 30,
  };
}

const gatewayError = (kind: GatewayError["kind"], code: string) =>
  expect.objectContaining({ name: "GatewayError", kind, code });

describeWithSpecs("Stripe errors: what each failure means to the caller", (specsDir) => {
  let h: StripeHarness;
  let fake: FakeStripe;
  let gateway: PaymentGateway;
  beforeEach(async () => {
    h = await createStripeHarness(specsDir, { timeoutMs: 800 });
    ({ fake, gateway } = h);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  const calls = (operationId: string) => fake.requests.filter((r) => r.operationId === operationId);

  async function paidSession() {
    const session = await gateway.createCheckout(checkoutInput());
    fake.payer.pay(session.providerPaymentId);
    return session;
  }

  function refund(providerPaymentId: string, amountMinor = 2_500, refundId = nextId("ref")) {
    return gateway.refund({
      providerPaymentId,
      refundId,
      idempotencyKey: idempotencyKey.refund(refundId),
      amount: { amountMinor, currency: "EUR" },
    });
  }

  it("a timeout after sending is indeterminate and is not retried: Stripe did create it", async () => {
    fake.loseNextResponse("PostCheckoutSessions");
    await expect(gateway.createCheckout(checkoutInput())).rejects.toEqual(
      gatewayError("indeterminate", "timeout"),
    );
    expect(calls("PostCheckoutSessions")).toMatchObject([{ outcome: "lost", status: 200 }]);
    expect(fake.state.sessions.size).toBe(1);
  });

  it("a 500 is retryable: core's retry resends the SAME idempotency key, then it succeeds", async () => {
    const session = await paidSession();
    fake.failNext("PostRefunds", 500, { type: "api_error", message: "Something went wrong" });
    const refundId = nextId("ref");
    await expect(
      callWithRetry(() => refund(session.providerPaymentId, 2_500, refundId), fastRetries),
    ).resolves.toMatchObject({
      status: "succeeded",
    });
    const attempts = calls("PostRefunds");
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(attempts.map((r) => r.idempotencyKey)).toEqual([
      idempotencyKey.refund(refundId),
      idempotencyKey.refund(refundId),
    ]);
  });

  it("a 503 costs one request: the adapter never retries (core does), with its Retry-After", async () => {
    fake.failNext(
      "PostCheckoutSessions",
      503,
      { type: "api_error", message: "Unavailable" },
      { "retry-after": "2" },
    );
    await expect(gateway.createCheckout(checkoutInput())).rejects.toMatchObject({
      kind: "retryable",
      code: "provider_unavailable",
      retryAfterMs: 2000,
    });
    expect(calls("PostCheckoutSessions")).toHaveLength(1);
  });

  it("503s on every attempt of core's retry end retryable, after the policy's attempts, all with one key", async () => {
    for (let i = 0; i < fastRetries.attempts; i += 1) {
      fake.failNext("PostCheckoutSessions", 503, { type: "api_error", message: "Unavailable" });
    }
    const input = checkoutInput();
    await expect(callWithRetry(() => gateway.createCheckout(input), fastRetries)).rejects.toEqual(
      gatewayError("retryable", "provider_unavailable"),
    );
    const keys = calls("PostCheckoutSessions").map((r) => r.idempotencyKey);
    expect(keys).toEqual(Array(fastRetries.attempts).fill(input.idempotencyKey));
  });

  it("a 500 Stripe marks Stripe-Should-Retry: false is indeterminate (a retry only replays it)", async () => {
    fake.failNext(
      "PostCheckoutSessions",
      500,
      { type: "api_error", message: "Saved failure" },
      { "stripe-should-retry": "false" },
    );
    await expect(gateway.createCheckout(checkoutInput())).rejects.toEqual(
      gatewayError("indeterminate", "provider_error"),
    );
    expect(calls("PostCheckoutSessions")).toHaveLength(1);
  });

  it("a 429 is retryable, then succeeds", async () => {
    fake.failNext("PostTransfers", 429, {
      type: "invalid_request_error",
      code: "rate_limit",
      message: "Too many requests",
    });
    const payoutId = nextId("po");
    await expect(
      callWithRetry(async () => {
        const payout = await gateway.createPayout?.({
          payoutId,
          idempotencyKey: idempotencyKey.payout(payoutId),
          amount: { amountMinor: 1_000, currency: "EUR" },
          destination: { kind: "stripe_account", accountId: "acct_1MentorOk" },
          note: "Earnings",
        });
        return payout;
      }, fastRetries),
    ).resolves.toMatchObject({ status: "paid" });
    expect(calls("PostTransfers").map((r) => r.status)).toEqual([429, 200]);
  });

  it("a 402 card_declined is permanent, with its code, and never retried", async () => {
    fake.failNext("PostCheckoutSessions", 402, {
      type: "card_error",
      code: "card_declined",
      decline_code: "insufficient_funds",
      message: "Your card has insufficient funds.",
    });
    await expect(gateway.createCheckout(checkoutInput())).rejects.toEqual(
      gatewayError("permanent", "card_declined"),
    );
    expect(calls("PostCheckoutSessions")).toHaveLength(1);
  });

  it("a connection reset after processing: stripe-node resends once, same key, Stripe replays", async () => {
    const session = await paidSession();
    fake.resetNextConnection("PostRefunds");
    await expect(refund(session.providerPaymentId)).resolves.toMatchObject({ status: "succeeded" });
    const [first, second] = calls("PostRefunds");
    expect(first).toMatchObject({ outcome: "reset" });
    expect(second).toMatchObject({ replayed: true, idempotencyKey: first?.idempotencyKey });
    expect(fake.state.refunds.size).toBe(1);
  });

  it("a connection reset twice is indeterminate (connection_lost)", async () => {
    const session = await paidSession();
    fake.resetNextConnection("PostRefunds");
    fake.resetNextConnection("PostRefunds");
    await expect(refund(session.providerPaymentId)).rejects.toEqual(
      gatewayError("indeterminate", "connection_lost"),
    );
    expect(fake.state.refunds.size).toBe(1);
  });

  it("a read that times out has no side effect: retryable, so core's retry gets the answer", async () => {
    const session = await gateway.createCheckout(checkoutInput());
    fake.loseNextResponse("GetCheckoutSessionsSession");
    await expect(
      callWithRetry(() => gateway.getPayment(session.providerPaymentId), fastRetries),
    ).resolves.toMatchObject({
      status: "pending",
    });
    expect(calls("GetCheckoutSessionsSession").map((r) => r.outcome)).toEqual(["lost", "answered"]);
  });

  it("refunds above what is left are permanent refund_exceeds_captured", async () => {
    const session = await paidSession();
    await expect(refund(session.providerPaymentId, 2_501)).rejects.toEqual(
      gatewayError("permanent", "refund_exceeds_captured"),
    );
    await refund(session.providerPaymentId);
    await expect(refund(session.providerPaymentId, 1)).rejects.toEqual(
      gatewayError("permanent", "refund_exceeds_captured"),
    );
  });

  it("refunding an unpaid checkout is refused before anything is sent to /v1/refunds", async () => {
    const session = await gateway.createCheckout(checkoutInput());
    await expect(refund(session.providerPaymentId)).rejects.toEqual(
      gatewayError("permanent", "payment_not_captured"),
    );
    expect(calls("PostRefunds")).toHaveLength(0);
  });

  it("the same refund key with another amount is a permanent idempotency_conflict", async () => {
    const session = await paidSession();
    const refundId = nextId("ref");
    await refund(session.providerPaymentId, 100, refundId);
    await expect(refund(session.providerPaymentId, 200, refundId)).rejects.toEqual(
      gatewayError("permanent", "idempotency_conflict"),
    );
  });

  it("a transfer Stripe refuses for its destination is permanent payout_destination_unusable", async () => {
    const payoutId = nextId("po");
    await expect(
      gateway.createPayout?.({
        payoutId,
        idempotencyKey: idempotencyKey.payout(payoutId),
        amount: { amountMinor: 1_000, currency: "EUR" },
        destination: { kind: "stripe_account", accountId: FAILING_ACCOUNT },
        note: "Earnings",
      }),
    ).rejects.toEqual(gatewayError("permanent", "payout_destination_unusable"));
  });

  it("TND is refused as currency_not_supported before any request", async () => {
    await expect(gateway.createCheckout(checkoutInput(nextId("pay"), "TND"))).rejects.toEqual(
      gatewayError("permanent", "currency_not_supported"),
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("a wrong secret key is a permanent authentication_failed", async () => {
    const wrong = createStripeGateway({
      secretKey: "sk_test_wrong",
      webhookSecret: fake.webhookSecret,
      timeoutMs: 800,
      host: fake.host,
      port: fake.port,
      protocol: "http",
    });
    await expect(wrong.getPayment("cs_test_x")).rejects.toEqual(
      gatewayError("permanent", "authentication_failed"),
    );
  });

  it("a retry that crosses an expiry grain still gets the same session", async () => {
    // A moment when, 4 s later, expires_at (rounded to its grain) is one grain further.
    let before = Math.floor(Date.now() / 1000);
    while (checkoutExpiresAt(30, before) === checkoutExpiresAt(30, before + 4)) before += 1;
    const now = vi.spyOn(Date, "now").mockReturnValue(before * 1000);
    const input = checkoutInput();
    fake.loseNextResponse("PostCheckoutSessions");
    await expect(gateway.createCheckout(input)).rejects.toBeInstanceOf(GatewayError);
    now.mockReturnValue((before + 4) * 1000);
    const again = await gateway.createCheckout(input);
    expect(fake.state.sessions.size).toBe(1);
    expect(fake.state.sessions.has(again.providerPaymentId)).toBe(true);
    expect(calls("PostCheckoutSessions").map((r) => [r.status, r.replayed])).toEqual([
      [200, false],
      [400, false],
      [200, true],
    ]);
  });
});

describe("Stripe unreachable", () => {
  it("a refused connection (nothing sent) is retryable network_unreachable", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const gateway = createStripeGateway({
      secretKey: "sk_test_x",
      webhookSecret: "whsec_x",
      timeoutMs: 800,
      host: "127.0.0.1",
      port,
      protocol: "http",
    });
    await expect(gateway.getPayment("cs_test_x")).rejects.toEqual(
      gatewayError("retryable", "network_unreachable"),
    );
  });
});
