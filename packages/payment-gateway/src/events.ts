import type { Money } from "./money.ts";

/**
 * Normalized webhook events. `eventId` is the provider's event id, or a stable id the adapter
 * derives when the provider has none (Konnect): the edge stores each (provider, eventId) once, so a redelivered event changes nothing. Events may arrive in any
 * order and more than once; settlement confirms with the provider before acting.
 */
export type GatewayWebhookEvent =
  | {
      type: "payment.succeeded" | "payment.failed" | "payment.expired";
      eventId: string;
      providerPaymentId: string;
      amount?: Money;
      occurredAt: Date;
    }
  | {
      type: "payment.refunded";
      eventId: string;
      providerPaymentId: string;
      providerRefundId?: string;
      /** The payment's refunded total so far (a running total, not this refund's amount). */
      amountRefunded: Money;
      occurredAt: Date;
    }
  | {
      type: "payout.paid" | "payout.failed";
      eventId: string;
      providerPayoutId: string;
      failureReason?: string;
      occurredAt: Date;
    }
  | {
      /**
       * A payer's bank disputes (charges back) a payment: `amount` is what it claims. Opened
       * once per dispute; closed with the outcome: won (the money stays), lost (it left us).
       */
      type: "dispute.opened" | "dispute.closed";
      eventId: string;
      providerPaymentId: string;
      providerDisputeId: string;
      amount: Money;
      /** Closed events only. */
      outcome?: "won" | "lost";
      reason?: string;
      occurredAt: Date;
    }
  | {
      /**
       * A payee's provider account changed (onboarding progressed, requirements, payouts turned
       * on or off). Only a hint: core asks the provider for the account before storing anything.
       */
      type: "payout_account.updated";
      eventId: string;
      providerAccountId: string;
      occurredAt: Date;
    }
  | {
      /** An unsigned notification (Konnect): only a hint to fetch the payment and settle from it. */
      type: "payment.check";
      eventId: string;
      providerPaymentId: string;
      occurredAt: Date;
    };

export type GatewayWebhookEventType = GatewayWebhookEvent["type"];
