import {
  type CheckoutSession,
  GatewayError,
  isGatewayError,
  type PaymentGateway,
  type ProviderPayout,
} from "@mentora/payment-gateway";
import Stripe from "stripe";
import { checkoutExpiresAt, checkoutSessionParams, EXPIRY_GRAIN_S } from "./checkout-params.ts";
import { expanded, idOf, providerPaymentOf } from "./payment-status.ts";
import { stripePayoutAccounts } from "./payout-accounts.ts";
import { PROVIDER, type StripeOperation, toGatewayError } from "./stripe-errors.ts";
import { STRIPE_CURRENCIES, toStripeCurrency } from "./stripe-money.ts";
import { toGatewayEvents, verifyStripeEvent } from "./webhook-events.ts";

export interface StripeGatewayOptions {
  secretKey: string;
  webhookSecret: string;
  /** Per request; a timeout after sending is indeterminate. */
  timeoutMs: number;
  /** Another API address (the local fake): host, port and protocol of it. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Payments through hosted Checkout Sessions; mentor payouts as Connect transfers. */
export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const stripe = new Stripe(options.secretKey, {
    timeout: options.timeoutMs,
    // One attempt per call: core retries (callWithRetry), only what is retryable, always with
    // the same idempotency key.
    maxNetworkRetries: 0,
    telemetry: false,
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
  });
  /** One Stripe request, its failure mapped to a GatewayError. */
  async function call<T>(operation: StripeOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toGatewayError(error, operation);
    }
  }

  const permanent = (code: string, message: string) =>
    new GatewayError("permanent", PROVIDER, code, message);

  function payoutOf(transfer: Stripe.Transfer): ProviderPayout {
    return transfer.reversed
      ? { providerPayoutId: transfer.id, status: "failed", failureReason: "transfer_reversed" }
      : { providerPayoutId: transfer.id, status: "paid" };
  }

  const transferGroupOf = (payoutId: string) => `payout_${payoutId}`;

  return {
    id: "stripe",
    capabilities: {
      movesMoney: true,
      hostedCheckout: true,
      refunds: true,
      partialRefunds: true,
      payouts: true,
      disputes: true,
      currencies: STRIPE_CURRENCIES,
      payoutAccountOnboarding: true,
    },

    payoutAccounts: stripePayoutAccounts(stripe, call),

    async createCheckout(input): Promise<CheckoutSession> {
      const expiresAt = checkoutExpiresAt(input.expiresInMinutes, nowSeconds());
      const create = (at: number) => {
        const params = checkoutSessionParams(input, at);
        return call("createCheckout", () =>
          stripe.checkout.sessions.create(params, { idempotencyKey: input.idempotencyKey }),
        );
      };
      let session: Stripe.Checkout.Session;
      try {
        session = await create(expiresAt);
      } catch (error) {
        // A retry that crossed a grain boundary: the first attempt sent the previous expires_at.
        if (!isGatewayError(error) || error.code !== "idempotency_conflict") throw error;
        session = await create(expiresAt - EXPIRY_GRAIN_S);
      }
      if (!session.url) throw permanent("no_redirect_url", `Session ${session.id} has no URL`);
      return {
        providerPaymentId: session.id,
        redirectUrl: session.url,
        expiresAt: new Date(session.expires_at * 1000),
      };
    },

    async getPayment(sessionId) {
      const session = await call("getPayment", () =>
        stripe.checkout.sessions.retrieve(sessionId, { expand: ["payment_intent.latest_charge"] }),
      );
      const intent = expanded(session.payment_intent);
      return providerPaymentOf(session, intent, expanded(intent?.latest_charge));
    },

    async refund(input) {
      const currency = toStripeCurrency(input.amount);
      const session = await call("readSession", () =>
        stripe.checkout.sessions.retrieve(input.providerPaymentId),
      );
      const paymentIntent = idOf(session.payment_intent);
      if (!paymentIntent || session.payment_status !== "paid") {
        throw permanent("payment_not_captured", `Session ${session.id} has no captured payment`);
      }
      if (session.currency !== currency) {
        throw permanent("currency_mismatch", `Session ${session.id} is in ${session.currency}`);
      }
      const refund = await call("refund", () =>
        stripe.refunds.create(
          {
            payment_intent: paymentIntent,
            amount: input.amount.amountMinor,
            // Stripe's `reason` is an enum; our free text goes to metadata (500 chars max).
            metadata: {
              refundId: input.refundId,
              ...(input.reason ? { reason: input.reason.slice(0, 500) } : {}),
            },
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      if (refund.status === "failed" || refund.status === "canceled") {
        throw permanent("refund_failed", `Refund ${refund.id} is ${refund.status}`);
      }
      return {
        providerRefundId: refund.id,
        status: refund.status === "succeeded" ? "succeeded" : "pending",
      };
    },

    async createPayout(input) {
      if (input.destination.kind !== "stripe_account") {
        throw permanent("unsupported_destination", "Stripe pays connected accounts only");
      }
      const destination = input.destination.accountId;
      const transfer = await call("createPayout", () =>
        stripe.transfers.create(
          {
            amount: input.amount.amountMinor,
            currency: toStripeCurrency(input.amount),
            destination,
            // Our handle to find it again (findPayout) when the answer was lost.
            transfer_group: transferGroupOf(input.payoutId),
            description: input.note,
            metadata: { payoutId: input.payoutId },
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return payoutOf(transfer);
    },

    async findPayout({ payoutId }) {
      const transfers = await call("findPayout", () =>
        stripe.transfers.list({ transfer_group: transferGroupOf(payoutId), limit: 1 }),
      );
      const [transfer] = transfers.data;
      return transfer ? payoutOf(transfer) : null;
    },

    async parseWebhook(request) {
      const event = verifyStripeEvent(request, options.webhookSecret);
      return toGatewayEvents(event, async (paymentIntent) => {
        const sessions = await call("findSession", () =>
          stripe.checkout.sessions.list({ payment_intent: paymentIntent, limit: 1 }),
        );
        return sessions.data[0]?.id ?? null;
      });
    },
  };
}
