import type { CreateCheckoutInput } from "@mentora/payment-gateway";
import type Stripe from "stripe";
import { toStripeCurrency } from "./stripe-money.ts";

/** Stripe takes expires_at between 30 minutes and 24 hours after creation. */
const MIN_LIFETIME_S = 31 * 60; // a minute of margin for clock skew
const MAX_LIFETIME_S = 24 * 60 * 60 - 15 * 60;
/**
 * expires_at is rounded up to a 5-minute grain: a retry with the same idempotency key must send
 * the very same parameters, or Stripe refuses it (idempotency_error).
 */
export const EXPIRY_GRAIN_S = 5 * 60;

export function checkoutExpiresAt(expiresInMinutes: number, nowSeconds: number): number {
  const lifetime = Math.min(
    MAX_LIFETIME_S,
    Math.max(MIN_LIFETIME_S, Math.round(expiresInMinutes * 60)),
  );
  return Math.ceil((nowSeconds + lifetime) / EXPIRY_GRAIN_S) * EXPIRY_GRAIN_S;
}

/** One hosted Checkout Session paying one line: our payment, in its currency and amount. */
export function checkoutSessionParams(
  input: CreateCheckoutInput,
  expiresAt: number,
): Stripe.Checkout.SessionCreateParams {
  const metadata = { paymentId: input.paymentId };
  return {
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: toStripeCurrency(input.amount),
          unit_amount: input.amount.amountMinor,
          product_data: { name: input.description.trim() || `Payment ${input.paymentId}` },
        },
      },
    ],
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    client_reference_id: input.paymentId,
    metadata,
    ...(input.customer?.email ? { customer_email: input.customer.email } : {}),
    expires_at: expiresAt,
    payment_intent_data: { metadata },
  };
}
