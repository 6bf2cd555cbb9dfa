import type { PaymentGateway } from "@mentora/payment-gateway";
import { createOrderOperations } from "./orders.ts";
import { createPayoutOperations } from "./payouts.ts";
import { createPayPalApi } from "./paypal-api.ts";
import { createPayPalCalls } from "./paypal-calls.ts";
import { createRefundOperation } from "./refunds.ts";
import { toGatewayEvents } from "./webhook-events.ts";
import { verifyWebhook } from "./webhook-verification.ts";

/** Our currencies that PayPal takes (not TND, not MAD). */
export const paypalCurrencies = ["EUR", "USD", "GBP", "CHF", "CAD", "JPY"] as const;

export interface PayPalGatewayOptions {
  clientId: string;
  clientSecret: string;
  /** The id of our webhook subscription at PayPal: part of what PayPal signs. */
  webhookId: string;
  environment: "sandbox" | "live";
  /** Replaces PayPal's host, for a local fake. */
  baseUrl?: string;
  /** Bound on every HTTP exchange with PayPal. */
  timeoutMs: number;
  /** Webhook transmissions older than this are refused as replays; default 300 s. */
  webhookToleranceSeconds?: number;
}

/**
 * PayPal through @paypal/paypal-server-sdk (Orders v2, Payments v2) and plain fetch for what the
 * SDK lacks (Payouts v1, webhook verification), all through one fetch and one OAuth token.
 * providerPaymentId is the Orders v2 order id.
 */
export function createPayPalGateway(options: PayPalGatewayOptions): PaymentGateway {
  const calls = createPayPalCalls(createPayPalApi(options));
  const orders = createOrderOperations(calls);
  const payouts = createPayoutOperations(calls, paypalCurrencies);
  const verification = {
    webhookId: options.webhookId,
    toleranceSeconds: options.webhookToleranceSeconds ?? 300,
  };

  async function orderOfCapture(captureId: string): Promise<string | undefined> {
    const capture = await calls.callOnce(() =>
      calls.api.payments.getCapturedPayment({ captureId }),
    );
    return capture.result.supplementaryData?.relatedIds?.orderId;
  }

  return {
    id: "paypal",
    capabilities: {
      movesMoney: true,
      hostedCheckout: true,
      refunds: true,
      partialRefunds: true,
      payouts: true,
      disputes: true,
      // No lookup by sender_batch_id: a null from findPayout is not proof of absence.
      payoutLookup: "process",
      currencies: paypalCurrencies,
    },
    createCheckout: orders.createCheckout,
    getPayment: orders.getPayment,
    refund: createRefundOperation(calls, orders.settleOrder),
    createPayout: payouts.createPayout,
    findPayout: payouts.findPayout,
    async parseWebhook(request) {
      const event = await verifyWebhook(request, calls, verification);
      return toGatewayEvents(event, orderOfCapture);
    },
  };
}
