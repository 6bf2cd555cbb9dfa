import {
  type GatewayWebhookEvent,
  type WebhookRequest,
  WebhookVerificationError,
} from "@mentora/payment-gateway";
import Stripe from "stripe";
import { idOf } from "./payment-status.ts";
import { PROVIDER } from "./stripe-errors.ts";
import { fromStripeAmount } from "./stripe-money.ts";

/** Stripe's default: a signature older than 5 minutes is refused (replay protection). */
export const SIGNATURE_TOLERANCE_S = 300;

/** Checks the Stripe-Signature over the exact bytes received, then parses the event. */
export function verifyStripeEvent(request: WebhookRequest, secret: string): Stripe.Event {
  const header = Object.entries(request.headers).find(
    ([name]) => name.toLowerCase() === "stripe-signature",
  )?.[1];
  if (!header) {
    throw new WebhookVerificationError(PROVIDER, "missing_signature", "No Stripe-Signature header");
  }
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(
      Buffer.from(request.rawBody),
      header,
      secret,
      SIGNATURE_TOLERANCE_S,
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      // stripe-node's wording ("Timestamp outside the tolerance zone"); a test pins it.
      const stale = /tolerance/i.test(error.message);
      throw new WebhookVerificationError(
        PROVIDER,
        stale ? "stale" : "bad_signature",
        error.message,
      );
    }
    throw new WebhookVerificationError(
      PROVIDER,
      "malformed",
      `Unreadable Stripe event: ${String(error)}`,
    );
  }
  const object = (event as { data?: { object?: unknown } }).data?.object;
  if (
    typeof event.id !== "string" ||
    typeof event.type !== "string" ||
    typeof object !== "object" ||
    object === null
  ) {
    throw new WebhookVerificationError(PROVIDER, "malformed", "Not a Stripe event");
  }
  return event;
}

/**
 * Our events from a verified Stripe event. A refund concerns a charge, not the Checkout Session
 * we know the payment by: `sessionOfIntent` asks Stripe which session the charge's
 * PaymentIntent belongs to.
 */
export async function toGatewayEvents(
  event: Stripe.Event,
  sessionOfIntent: (paymentIntentId: string) => Promise<string | null>,
): Promise<GatewayWebhookEvent[]> {
  const base = { eventId: event.id, occurredAt: new Date(event.created * 1000) };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object;
      // Completed but unpaid: a delayed method still processing; its own event follows.
      if (session.payment_status === "unpaid") return [];
      return [
        {
          type: "payment.succeeded",
          ...base,
          providerPaymentId: session.id,
          amount: fromStripeAmount(session.amount_total, session.currency),
        },
      ];
    }
    case "checkout.session.async_payment_failed":
      return [{ type: "payment.failed", ...base, providerPaymentId: event.data.object.id }];
    case "checkout.session.expired":
      return [{ type: "payment.expired", ...base, providerPaymentId: event.data.object.id }];
    case "charge.refunded": {
      const charge = event.data.object;
      const intentId = idOf(charge.payment_intent);
      const sessionId = intentId ? await sessionOfIntent(intentId) : null;
      // A charge not made through one of our Checkout Sessions is none of our business.
      if (!sessionId) return [];
      return [
        {
          type: "payment.refunded",
          ...base,
          providerPaymentId: sessionId,
          amountRefunded: fromStripeAmount(charge.amount_refunded, charge.currency),
        },
      ];
    }
    case "charge.dispute.created":
    case "charge.dispute.closed": {
      const dispute = event.data.object;
      const intentId = idOf(dispute.payment_intent);
      const sessionId = intentId ? await sessionOfIntent(intentId) : null;
      if (!sessionId) return [];
      const common = {
        ...base,
        providerPaymentId: sessionId,
        providerDisputeId: dispute.id,
        amount: fromStripeAmount(dispute.amount, dispute.currency),
        reason: dispute.reason,
      };
      if (event.type === "charge.dispute.created") return [{ type: "dispute.opened", ...common }];
      // warning_closed: an early fraud warning ended without a chargeback: nothing was taken.
      const outcome = dispute.status === "lost" ? "lost" : "won";
      return [{ type: "dispute.closed", ...common, outcome }];
    }
    case "account.updated":
      // Connect: a connected account's status moved. Core fetches the account for the truth.
      return [{ type: "payout_account.updated", ...base, providerAccountId: event.data.object.id }];
    case "transfer.reversed":
      return [
        {
          type: "payout.failed",
          ...base,
          providerPayoutId: event.data.object.id,
          failureReason: "transfer_reversed",
        },
      ];
    default:
      return [];
  }
}
