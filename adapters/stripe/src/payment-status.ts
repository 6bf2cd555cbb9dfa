import type { ProviderPayment, ProviderPaymentStatus } from "@mentora/payment-gateway";
import type Stripe from "stripe";
import { fromStripeAmount } from "./stripe-money.ts";

/** Stripe statuses of a PaymentIntent whose only attempt failed (nothing left to wait for). */
const FAILED_INTENT = new Set(["requires_payment_method", "canceled"]);

/**
 * Our view of a Checkout Session, from the session, its PaymentIntent and that intent's latest
 * charge. An open session stays "pending" even after a declined card: the payer is still on
 * Stripe's page and may pay with another card until the session expires.
 */
export function providerPaymentOf(
  session: Stripe.Checkout.Session,
  intent: Stripe.PaymentIntent | null,
  charge: Stripe.Charge | null,
): ProviderPayment {
  const paymentId = session.client_reference_id ?? session.metadata?.paymentId;
  return {
    providerPaymentId: session.id,
    status: statusOf(session, intent, charge),
    amount: fromStripeAmount(session.amount_total, session.currency),
    amountRefunded: fromStripeAmount(charge?.amount_refunded ?? 0, session.currency),
    ...(paymentId ? { paymentId } : {}),
  };
}

function statusOf(
  session: Stripe.Checkout.Session,
  intent: Stripe.PaymentIntent | null,
  charge: Stripe.Charge | null,
): ProviderPaymentStatus {
  if (session.status === "expired") return "expired";
  if (session.status !== "complete") return "pending";
  if (session.payment_status === "unpaid") {
    // Completed unpaid: a delayed method (SEPA…) still processing, or its debit failed.
    return intent && FAILED_INTENT.has(intent.status) ? "failed" : "pending";
  }
  const refunded = charge?.amount_refunded ?? 0;
  if (refunded === 0) return "succeeded";
  return refunded >= (charge?.amount_captured ?? 0) ? "refunded" : "partially_refunded";
}

/** The id behind a field Stripe returns as an id or, when expanded, as the object. */
export function idOf(field: string | { id: string } | null | undefined): string | null {
  if (!field) return null;
  return typeof field === "string" ? field : field.id;
}

export function expanded<T extends { id: string }>(field: string | T | null | undefined): T | null {
  return field && typeof field === "object" ? field : null;
}
