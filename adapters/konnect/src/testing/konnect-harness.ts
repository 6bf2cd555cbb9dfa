import type { ConformanceHarness } from "@mentora/payment-gateway/conformance";
import type { KonnectGatewayConfig } from "../konnect-config.ts";
import { createKonnectGateway } from "../konnect-gateway.ts";
import { type FakeKonnect, startFakeKonnect } from "./fake-konnect.ts";

/** A Konnect gateway pointed at a fresh fake Konnect. */
export async function konnectAgainstFake(
  overrides: Partial<KonnectGatewayConfig> = {},
): Promise<{ fake: FakeKonnect; gateway: ReturnType<typeof createKonnectGateway> }> {
  const fake = await startFakeKonnect();
  const gateway = createKonnectGateway({
    apiKey: fake.apiKey,
    receiverWalletId: fake.walletId,
    baseUrl: fake.baseUrl,
    timeoutMs: 2000,
    ...overrides,
  });
  return { fake, gateway };
}

export async function konnectConformanceHarness(): Promise<ConformanceHarness> {
  const { fake, gateway } = await konnectAgainstFake();
  return {
    gateway,
    currency: "TND",
    amountMinor: 90_000,
    payerAction: async (session, action) => fake[action](session.providerPaymentId),
    expireCheckout: async (session) => fake.expire(session.providerPaymentId),
    takeWebhooks: async () =>
      fake
        .takeWebhookCalls()
        .map((url) => ({ method: "GET", url, headers: {}, rawBody: new Uint8Array() })),
    // Konnect's GET carries no signature: a forger sends exactly what Konnect sends.
    forge: (request) => request,
    loseNextResponse: (operation) => {
      // Konnect has no refund or payout API, so only a checkout answer can be lost.
      if (operation === "createCheckout") fake.loseNextResponse("init-payment");
    },
    statusAfterDecline: "pending",
    // Konnect documents no expired status: an expired payment still reads pending.
    statusAfterExpiry: "pending",
    failNextWith503: (operation, retryAfterSeconds) =>
      fake.failNext(operation === "createCheckout" ? "init-payment" : "payment-details", 503, 1, {
        "retry-after": String(retryAfterSeconds),
      }),
    requestCount: () => fake.calls["init-payment"] + fake.calls["payment-details"],
    sendsRetryAfter: true,
    idempotentCheckout: false,
    signedWebhooks: false,
    close: () => fake.close(),
  };
}
