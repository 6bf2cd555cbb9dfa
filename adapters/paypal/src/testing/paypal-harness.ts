import { generateKeyPairSync, type KeyObject } from "node:crypto";
import type { ConformanceHarness } from "@mentora/payment-gateway/conformance";
import { createPayPalGateway, type PayPalGatewayOptions } from "../paypal-gateway.ts";
import { type FakePayPal, startFakePayPal } from "./fake-paypal.ts";

export interface WebhookKeys {
  /** "PayPal's" signing key pair. */
  paypal: { privateKey: KeyObject; publicKey: KeyObject };
  /** Someone else's key, for forgeries. */
  forger: KeyObject;
}

/** Generated per test run: RSA key generation takes tens of milliseconds. */
export function generateWebhookKeys(): WebhookKeys {
  const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { paypal: rsa(), forger: rsa().privateKey };
}

export const testCredentials = {
  clientId: "AcmeMentoraClientId",
  clientSecret: "mentora-client-secret",
  webhookId: "8PT597110X687430LKGECATA",
};

/** A short client timeout: the lost-answer scenarios wait for it. */
export const testTimeoutMs = 1000;

export type PayPalHarness = ConformanceHarness & { fake: FakePayPal };

/** The adapter pointed at a fresh fake PayPal, with the remote controls of the conformance kit. */
export async function createPayPalHarness(
  specsDir: string,
  keys: WebhookKeys,
  overrides: Partial<PayPalGatewayOptions> = {},
): Promise<PayPalHarness> {
  const fake = await startFakePayPal({
    specsDir,
    ...testCredentials,
    signingKeys: keys.paypal,
    failingPayoutReceivers: ["locked-mentor@mentora.test"],
  });
  const options: PayPalGatewayOptions = {
    ...testCredentials,
    environment: "sandbox",
    baseUrl: fake.url,
    timeoutMs: testTimeoutMs,
    ...overrides,
  };
  const gateway = createPayPalGateway(options);
  const operations = {
    createCheckout: "orders.create",
    refund: "captures.refund",
    createPayout: "payouts.post",
  } as const;
  return {
    fake,
    gateway,
    currency: "EUR",
    amountMinor: 4500,
    async payerAction(session, action) {
      const orderId = session.providerPaymentId;
      if (action === "pay") fake.payer.approve(orderId);
      else if (action === "decline") fake.payer.decline(orderId);
      else fake.payer.abandon(orderId);
    },
    async expireCheckout(session) {
      fake.expire(session.providerPaymentId);
    },
    takeWebhooks: async () => fake.takeWebhooks(),
    forge: (request) => fake.forge(request, keys.forger),
    stale: (request) => fake.resign(request, new Date(Date.now() - 10 * 60_000)),
    loseNextResponse: (operation) => fake.loseNextResponse(operations[operation]),
    // The payer approves, the funding is declined at capture: capture DECLINED.
    statusAfterDecline: "failed",
    // PayPal voids the order.
    statusAfterExpiry: "expired",
    failNextWith503: (operation, retryAfterSeconds) =>
      fake.failNext(operation === "createCheckout" ? "orders.create" : "orders.get", 503, 1, {
        "retry-after": String(retryAfterSeconds),
      }),
    requestCount: () => fake.requests.length,
    sendsRetryAfter: true,
    idempotentCheckout: true,
    signedWebhooks: true,
    restarted: () => createPayPalGateway(options),
    payouts: {
      ok: { kind: "paypal_email", email: "mentor@mentora.test" },
      failing: { kind: "paypal_email", email: "locked-mentor@mentora.test" },
    },
    async dispute(session, step) {
      fake.dispute(session.providerPaymentId, step);
    },
    close: () => fake.close(),
  };
}
