import {
  type CreateCheckoutInput,
  callWithRetry,
  GatewayError,
  type RetryPolicy,
} from "@mentora/payment-gateway";
import { afterEach, describe, expect, it } from "vitest";
import { createPayPalGateway } from "./paypal-gateway.ts";
import {
  createPayPalHarness,
  generateWebhookKeys,
  type PayPalHarness,
  testCredentials,
} from "./testing/paypal-harness.ts";
import { paypalSpecsDir, skipReason } from "./testing/specs.ts";

const specsDir = paypalSpecsDir();
const keys = generateWebhookKeys();

const checkoutInput = (paymentId: string): CreateCheckoutInput => ({
  paymentId,
  idempotencyKey: `payment:${paymentId}`,
  amount: { amountMinor: 4500, currency: "EUR" },
  description: "Mentoring session",
  successUrl: `https://mentora.test/payments/${paymentId}/return`,
  cancelUrl: `https://mentora.test/payments/${paymentId}/cancel`,
  expiresInMinutes: 30,
});

/** Core's retry layer, fast: the adapter itself makes one attempt per call. */
const coreRetry: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 };

const gatewayError = (kind: GatewayError["kind"], code?: string) => (error: unknown) =>
  error instanceof GatewayError &&
  error.kind === kind &&
  (code === undefined || error.code === code);

(specsDir ? describe : describe.skip)(
  `PayPal errors map to GatewayError kinds${specsDir ? "" : `: ${skipReason}`}`,
  () => {
    let h: PayPalHarness;
    const setup = async () => {
      h = await createPayPalHarness(specsDir ?? "", keys);
      return h;
    };
    afterEach(() => h?.close());
    const seen = (operationId: string) =>
      h.fake.requests.filter((r) => r.operationId === operationId);

    it("core's retry of a 500 resends the same PayPal-Request-Id, and PayPal creates one order", async () => {
      await setup();
      h.fake.failNext("orders.create", 500);
      const session = await callWithRetry(
        () => h.gateway.createCheckout(checkoutInput("pay_500")),
        coreRetry,
      );
      const creates = seen("orders.create");
      expect(creates.map((r) => r.status)).toEqual([500, 201]);
      expect(creates.map((r) => r.headers["paypal-request-id"])).toEqual([
        "payment:pay_500",
        "payment:pay_500",
      ]);
      expect(session.providerPaymentId).toMatch(/^[A-Z0-9]+$/);
    });

    it("a 503 costs one request, retryable with its Retry-After", async () => {
      await setup();
      h.fake.failNext("orders.create", 503, 1, { "retry-after": "4" });
      await expect(h.gateway.createCheckout(checkoutInput("pay_one"))).rejects.toMatchObject({
        kind: "retryable",
        code: "provider_unavailable",
        retryAfterMs: 4000,
      });
      expect(seen("orders.create")).toHaveLength(1);
    });

    it("core's retry gives up on a persistent 503 or 429 as retryable, always with the same key", async () => {
      await setup();
      h.fake.failNext("orders.create", 503, 3);
      const create = (id: string) =>
        callWithRetry(() => h.gateway.createCheckout(checkoutInput(id)), coreRetry);
      await expect(create("pay_503")).rejects.toSatisfy(
        gatewayError("retryable", "provider_unavailable"),
      );
      expect(new Set(seen("orders.create").map((r) => r.headers["paypal-request-id"]))).toEqual(
        new Set(["payment:pay_503"]),
      );
      expect(seen("orders.create")).toHaveLength(3);
      h.fake.failNext("orders.get", 429, 1);
      const session = await create("pay_429");
      const read = await callWithRetry(
        () => h.gateway.getPayment(session.providerPaymentId),
        coreRetry,
      );
      expect(read.status).toBe("pending");
    });

    it("a timeout after sending is indeterminate, never retried blindly", async () => {
      await setup();
      h.fake.loseNextResponse("orders.create");
      const started = Date.now();
      await expect(h.gateway.createCheckout(checkoutInput("pay_lost"))).rejects.toSatisfy(
        gatewayError("indeterminate", "timeout"),
      );
      expect(Date.now() - started).toBeLessThan(5000);
      expect(seen("orders.create")).toHaveLength(1);
    });

    it("a 422 or 400 is permanent with a stable code, and not retried", async () => {
      await setup();
      h.fake.failNext("orders.create", 422);
      await expect(h.gateway.createCheckout(checkoutInput("pay_422"))).rejects.toSatisfy(
        gatewayError("permanent", "unprocessable_entity"),
      );
      expect(seen("orders.create")).toHaveLength(1);
      h.fake.failNext("orders.create", 400);
      await expect(h.gateway.createCheckout(checkoutInput("pay_400"))).rejects.toSatisfy(
        gatewayError("permanent", "invalid_request"),
      );
      await expect(h.gateway.getPayment("NOSUCHORDER1")).rejects.toSatisfy(
        gatewayError("permanent", "not_found"),
      );
    });

    it("refuses currencies PayPal does not take before calling it", async () => {
      await setup();
      const input = {
        ...checkoutInput("pay_tnd"),
        amount: { amountMinor: 90_000, currency: "TND" },
      };
      await expect(h.gateway.createCheckout(input)).rejects.toSatisfy(gatewayError("permanent"));
    });

    it("a revoked token is retryable and replaced: core's retry goes through", async () => {
      await setup();
      await h.gateway.createCheckout(checkoutInput("pay_token_1"));
      h.fake.revokeTokens();
      await expect(h.gateway.createCheckout(checkoutInput("pay_token_2"))).rejects.toSatisfy(
        gatewayError("retryable", "token_rejected"),
      );
      await callWithRetry(() => h.gateway.createCheckout(checkoutInput("pay_token_2")), coreRetry);
      expect(seen("oauth2.token").map((r) => r.status)).toEqual([200, 200]);
    });

    it("wrong credentials are permanent; an unreachable PayPal is retryable", async () => {
      await setup();
      const wrong = createPayPalGateway({
        ...testCredentials,
        clientSecret: "wrong",
        environment: "sandbox",
        baseUrl: h.fake.url,
        timeoutMs: 1000,
      });
      await expect(wrong.createCheckout(checkoutInput("pay_creds"))).rejects.toSatisfy(
        gatewayError("permanent", "authentication_failed"),
      );
      const closedUrl = h.fake.url;
      await h.close();
      const unreachable = createPayPalGateway({
        ...testCredentials,
        environment: "sandbox",
        baseUrl: closedUrl,
        timeoutMs: 1000,
      });
      await expect(unreachable.createCheckout(checkoutInput("pay_down"))).rejects.toSatisfy(
        gatewayError("retryable", "network"),
      );
    });
  },
);
