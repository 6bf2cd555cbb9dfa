import type { WebhookRequest } from "@mentora/payment-gateway";
import Stripe from "stripe";

export const WEBHOOK_URL = "https://mentora.test/api/webhooks/stripe";

/** A webhook delivery as Stripe makes it: the JSON body signed with the endpoint's secret. */
export function signedWebhook(payload: string, secret: string, timestamp?: number): WebhookRequest {
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
  return {
    method: "POST",
    url: WEBHOOK_URL,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "stripe-signature": header,
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    },
    rawBody: new TextEncoder().encode(payload),
  };
}

/** The same delivery signed again, with another secret or at another time. */
export function resigned(
  request: WebhookRequest,
  secret: string,
  timestamp?: number,
): WebhookRequest {
  return signedWebhook(new TextDecoder().decode(request.rawBody), secret, timestamp);
}
