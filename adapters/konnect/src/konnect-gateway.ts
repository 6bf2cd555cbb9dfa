import type { CheckoutSession, PaymentGateway } from "@mentora/payment-gateway";
import { initPaymentBody } from "./init-payment.ts";
import {
  defaultLifespanMinutes,
  defaultPaymentMethods,
  type KonnectGatewayConfig,
  konnectCurrencies,
  konnectProductionUrl,
  normalizeBaseUrl,
} from "./konnect-config.ts";
import { invalidResponse, notSupported } from "./konnect-errors.ts";
import { createKonnectHttp } from "./konnect-http.ts";
import { parseKonnectWebhook, readPaymentRef } from "./konnect-webhook.ts";
import {
  type KonnectPaymentDetails,
  readPaymentDetails,
  toProviderPayment,
} from "./payment-details.ts";

export function createKonnectGateway(config: KonnectGatewayConfig): PaymentGateway {
  const http = createKonnectHttp({
    apiKey: config.apiKey,
    baseUrl: normalizeBaseUrl(config.baseUrl ?? konnectProductionUrl),
    timeoutMs: config.timeoutMs,
  });
  const now = config.now ?? (() => new Date());
  const settings = {
    receiverWalletId: config.receiverWalletId,
    maxLifespanMinutes: config.lifespanMinutes ?? defaultLifespanMinutes,
    acceptedPaymentMethods: config.acceptedPaymentMethods ?? defaultPaymentMethods,
  };

  async function fetchDetails(ref: string): Promise<KonnectPaymentDetails> {
    const body = await http.send("GET", `payments/${encodeURIComponent(ref)}`);
    return readPaymentDetails(ref, body);
  }

  return {
    id: "konnect",
    capabilities: {
      movesMoney: true,
      hostedCheckout: true,
      refunds: false,
      partialRefunds: false,
      payouts: false,
      currencies: konnectCurrencies,
    },

    /**
     * One attempt (core retries). Konnect takes no idempotency key, so core's retry after a 5xx
     * or a lost answer may create a
     * second payment at Konnect. That is safe: a payUrl we never received was never shown to a
     * payer, so nobody can pay it, and it dies at the end of its lifespan.
     */
    async createCheckout(input): Promise<CheckoutSession> {
      const body = initPaymentBody(input, settings);
      const answer = await http.send("POST", "payments/init-payment", body);
      const { payUrl, paymentRef } = (answer ?? {}) as { payUrl?: unknown; paymentRef?: unknown };
      if (typeof payUrl !== "string" || typeof paymentRef !== "string" || !paymentRef) {
        throw invalidResponse("an init-payment answer without payUrl or paymentRef");
      }
      return {
        providerPaymentId: paymentRef,
        redirectUrl: payUrl,
        expiresAt: new Date(now().getTime() + body.lifespan * 60_000),
      };
    },

    async getPayment(providerPaymentId) {
      return toProviderPayment(await fetchDetails(providerPaymentId));
    },

    async refund() {
      throw notSupported("refunds");
    },

    async createPayout() {
      throw notSupported("payouts");
    },

    // One lookup, no retries: the edge must answer fast, and a failed lookup still yields a hint.
    parseWebhook: (request) => parseKonnectWebhook(request, fetchDetails, now),
    webhookPaymentRef: readPaymentRef,
  };
}
