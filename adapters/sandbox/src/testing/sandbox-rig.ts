import type { WebhookRequest } from "@mentora/payment-gateway";
import type { ConformanceHarness } from "@mentora/payment-gateway/conformance";
import { handleSandboxCheckout } from "../checkout-page/handle-sandbox-checkout.ts";
import { createSandboxGateway } from "../sandbox-gateway.ts";
import type { SandboxDelivery, SandboxOptions } from "../sandbox-options.ts";
import { createMemorySandboxStore } from "../sandbox-store.ts";
import { sandboxSignatureHeader, signSandboxPayload } from "../webhook-signature.ts";
import { withLostWrites } from "./lossy-store.ts";

export const rigPublicUrl = "https://mentora.test";
export const rigSecret = "whsec_sandbox_test_secret";

export function toWebhookRequest(delivery: SandboxDelivery): WebhookRequest {
  return {
    method: "POST",
    url: delivery.url,
    headers: delivery.headers,
    rawBody: new TextEncoder().encode(delivery.body),
  };
}

export function resign(request: WebhookRequest, secret: string, at: Date): WebhookRequest {
  return {
    ...request,
    headers: {
      ...request.headers,
      [sandboxSignatureHeader]: signSandboxPayload(secret, request.rawBody, at),
    },
  };
}

/** A sandbox gateway on a memory store, with a movable clock and captured deliveries. */
export function createSandboxRig() {
  let offsetMs = 0;
  const lossy = withLostWrites(createMemorySandboxStore());
  const deliveries: SandboxDelivery[] = [];
  const options: SandboxOptions = {
    store: lossy.store,
    publicUrl: rigPublicUrl,
    webhookSecret: rigSecret,
    deliver: async (delivery) => {
      deliveries.push(delivery);
    },
    now: () => new Date(Date.now() + offsetMs),
  };
  const now = () => options.now!();
  const post = (checkoutUrl: string, action: string, origin: string | null = rigPublicUrl) =>
    handleSandboxCheckout(
      new Request(checkoutUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(origin ? { origin } : {}),
        },
        body: new URLSearchParams({ action }).toString(),
      }),
      options,
    );
  return {
    options,
    gateway: createSandboxGateway(options),
    deliveries,
    loseNext: lossy.loseNext,
    failNextStoreCall: lossy.failNext,
    storeCalls: lossy.calls,
    now,
    advance: (ms: number) => {
      offsetMs += ms;
    },
    post,
    get: (checkoutUrl: string) => handleSandboxCheckout(new Request(checkoutUrl), options),
  };
}

export async function sandboxConformanceHarness(): Promise<ConformanceHarness> {
  const rig = createSandboxRig();
  return {
    gateway: rig.gateway,
    currency: "EUR",
    amountMinor: 9_000,
    // The payer really uses the checkout page handler.
    payerAction: async (session, action) => {
      const response = await rig.post(session.redirectUrl, action);
      if (response.status !== 303) throw new Error(`Checkout page answered ${response.status}`);
    },
    expireCheckout: async (session) =>
      rig.advance(session.expiresAt.getTime() - rig.now().getTime() + 1000),
    takeWebhooks: async () => rig.deliveries.splice(0).map(toWebhookRequest),
    forge: (request) => resign(request, "not-the-secret", rig.now()),
    stale: (request) => resign(request, rigSecret, new Date(rig.now().getTime() - 3_600_000)),
    loseNextResponse: (operation) =>
      rig.loseNext(
        operation === "createCheckout"
          ? "insertPayment"
          : operation === "refund"
            ? "updatePayment"
            : "insertPayout",
      ),
    // The sandbox's "provider" is the app's store: an unavailable store is its 503, with no
    // Retry-After to pass on.
    failNextWith503: () => rig.failNextStoreCall(),
    requestCount: rig.storeCalls,
    sendsRetryAfter: false,
    statusAfterDecline: "failed",
    statusAfterExpiry: "expired",
    idempotentCheckout: true,
    signedWebhooks: true,
    // Another process: a new gateway on the same store (the database in production).
    restarted: () => createSandboxGateway(rig.options),
    payouts: {
      ok: { kind: "paypal_email", email: "mentor@example.com" },
      failing: { kind: "paypal_email", email: "fail@example.com" },
    },
    close: async () => {},
  };
}
