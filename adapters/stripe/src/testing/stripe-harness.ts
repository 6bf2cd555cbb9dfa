import type { ConformanceHarness } from "@mentora/payment-gateway/conformance";
import { createStripeGateway } from "../stripe-gateway.ts";
import { type FakeStripe, startFakeStripe } from "./fake-stripe.ts";
import { resigned } from "./fake-webhooks.ts";

/** The spec operation behind each call the conformance kit can make lose its answer. */
const OPERATION_OF = {
  createCheckout: "PostCheckoutSessions",
  refund: "PostRefunds",
  createPayout: "PostTransfers",
} as const;

export const OK_ACCOUNT = "acct_1MentorPayoutsOk";
export const FAILING_ACCOUNT = "acct_1MentorNoTransfers";

/** Fast backoff for tests that run core's retry layer over the adapter. */
export const fastRetries = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 };

export type StripeHarness = ConformanceHarness & { fake: FakeStripe };

/** The Stripe adapter pointed at a fresh fake Stripe, with the remote controls of the kit. */
export async function createStripeHarness(
  specsDir: string,
  options: { timeoutMs?: number } = {},
): Promise<StripeHarness> {
  const fake = await startFakeStripe({ specsDir });
  fake.refuseTransfersTo(FAILING_ACCOUNT);
  const create = () =>
    createStripeGateway({
      secretKey: fake.secretKey,
      webhookSecret: fake.webhookSecret,
      // Generous: one attempt per call now (core retries), so a slow answer on a loaded CI
      // machine must not read as lost; the lost-answer cases wait this long.
      timeoutMs: options.timeoutMs ?? 3_000,
      host: fake.host,
      port: fake.port,
      protocol: "http",
    });
  const gateway = create();
  return {
    fake,
    gateway,
    currency: "EUR",
    amountMinor: 2_500,
    async payerAction(session, action) {
      if (action === "pay") fake.payer.pay(session.providerPaymentId);
      if (action === "decline") fake.payer.decline(session.providerPaymentId);
      // "abandon": the payer closes the tab; Stripe does nothing until expires_at.
    },
    async expireCheckout(session) {
      fake.expireSession(session.providerPaymentId);
    },
    async takeWebhooks() {
      return fake.takeWebhooks();
    },
    forge: (request) => resigned(request, "whsec_not_the_endpoint_secret"),
    stale: (request) =>
      resigned(request, fake.webhookSecret, Math.floor(Date.now() / 1000) - 3_600),
    loseNextResponse(operation) {
      fake.loseNextResponse(OPERATION_OF[operation]);
    },
    // Stripe keeps a session open after a declined card (the payer may retry), see payment-status.ts.
    statusAfterDecline: "pending",
    statusAfterExpiry: "expired",
    failNextWith503(operation, retryAfterSeconds) {
      fake.failNext(
        operation === "createCheckout" ? "PostCheckoutSessions" : "GetCheckoutSessionsSession",
        503,
        { type: "api_error", message: "Service unavailable" },
        { "retry-after": String(retryAfterSeconds) },
      );
    },
    requestCount: () => fake.requests.length,
    sendsRetryAfter: true,
    idempotentCheckout: true,
    signedWebhooks: true,
    restarted: create,
    payouts: {
      ok: { kind: "stripe_account", accountId: OK_ACCOUNT },
      failing: { kind: "stripe_account", accountId: FAILING_ACCOUNT },
    },
    async completeOnboarding(accountId) {
      fake.completeOnboarding(accountId);
    },
    async dispute(session, step) {
      fake.dispute(session.providerPaymentId, step);
    },
    async close() {
      await fake.close();
      if (fake.specViolations.length > 0) {
        throw new Error(`The fake broke the Stripe spec:\n${fake.specViolations.join("\n")}`);
      }
    },
  };
}
