import { fromDecimalString, type GatewayWebhookEvent, type Money } from "@mentora/payment-gateway";
import type { PayPalWebhookEvent } from "./webhook-verification.ts";

interface PayPalMoney {
  currency_code?: string;
  value?: string;
}

interface PaymentResource {
  id?: string;
  amount?: PayPalMoney;
  purchase_units?: { amount?: PayPalMoney }[];
  supplementary_data?: { related_ids?: { order_id?: string } };
  seller_payable_breakdown?: { total_refunded_amount?: PayPalMoney };
  links?: { href?: string; rel?: string }[];
  payout_batch_id?: string;
  transaction_status?: string;
  errors?: { name?: string };
  dispute_id?: string;
  disputed_transactions?: { seller_transaction_id?: string }[];
  dispute_amount?: PayPalMoney;
  dispute_outcome?: { outcome_code?: string };
  reason?: string;
}

/** Outcomes where the buyer got the money back from us; the others leave it with us. */
const disputesLost = new Set(["RESOLVED_BUYER_FAVOUR", "ACCEPTED"]);

/** Finds the order id of a capture (or the capture of a refund) PayPal did not name in the event. */
export type CaptureOrderLookup = (captureId: string) => Promise<string | undefined>;

const orderPath = /\/v2\/checkout\/orders\/([^/?#]+)$/;
const capturePath = /\/v2\/payments\/captures\/([^/?#]+)$/;

function upLinkId(resource: PaymentResource, path: RegExp): string | undefined {
  for (const link of resource.links ?? []) {
    if (link.rel !== "up" || !link.href) continue;
    const match = path.exec(new URL(link.href, "https://api-m.paypal.com").pathname);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  return undefined;
}

function toMoney(value: PayPalMoney | undefined): Money | undefined {
  if (!value?.currency_code || value.value === undefined) return undefined;
  try {
    return fromDecimalString(value.value, value.currency_code);
  } catch {
    return undefined; // a currency we do not use: the amount is only informative here
  }
}

const payoutFailures = new Set([
  "PAYMENT.PAYOUTS-ITEM.FAILED",
  "PAYMENT.PAYOUTS-ITEM.BLOCKED",
  "PAYMENT.PAYOUTS-ITEM.DENIED",
  "PAYMENT.PAYOUTS-ITEM.RETURNED",
]);

/**
 * PayPal events as ours. The order id is our providerPaymentId: a capture names it in
 * supplementary_data.related_ids (or its "up" link); a refund only links its capture.
 * CHECKOUT.ORDER.APPROVED reads as payment.succeeded because settlement calls getPayment,
 * which captures the approved order (capture-on-read); events never settle anything alone.
 */
export async function toGatewayEvents(
  event: PayPalWebhookEvent,
  orderOfCapture: CaptureOrderLookup,
): Promise<GatewayWebhookEvent[]> {
  const resource = (event.resource ?? {}) as PaymentResource;
  const eventId = event.id;
  const created = event.create_time ? new Date(event.create_time) : new Date();
  const occurredAt = Number.isNaN(created.getTime()) ? new Date() : created;
  const orderOf = (capture: PaymentResource) =>
    capture.supplementary_data?.related_ids?.order_id ?? upLinkId(capture, orderPath);

  switch (event.event_type) {
    case "CHECKOUT.ORDER.APPROVED": {
      if (!resource.id) return [];
      const amount = toMoney(resource.purchase_units?.[0]?.amount);
      return [
        { type: "payment.succeeded", eventId, providerPaymentId: resource.id, amount, occurredAt },
      ];
    }
    case "PAYMENT.CAPTURE.COMPLETED":
    case "PAYMENT.CAPTURE.DENIED":
    case "PAYMENT.CAPTURE.DECLINED": {
      const providerPaymentId = orderOf(resource);
      if (!providerPaymentId) return [];
      const type =
        event.event_type === "PAYMENT.CAPTURE.COMPLETED" ? "payment.succeeded" : "payment.failed";
      return [{ type, eventId, providerPaymentId, amount: toMoney(resource.amount), occurredAt }];
    }
    case "PAYMENT.CAPTURE.REFUNDED": {
      const captureId = upLinkId(resource, capturePath);
      const providerPaymentId =
        resource.supplementary_data?.related_ids?.order_id ??
        (captureId ? await orderOfCapture(captureId) : undefined);
      // The capture's refunded total when PayPal gives it, else this refund's amount.
      const amountRefunded =
        toMoney(resource.seller_payable_breakdown?.total_refunded_amount) ??
        toMoney(resource.amount);
      if (!providerPaymentId || !amountRefunded) return [];
      const providerRefundId = resource.id;
      return [
        {
          type: "payment.refunded",
          eventId,
          providerPaymentId,
          providerRefundId,
          amountRefunded,
          occurredAt,
        },
      ];
    }
    case "CUSTOMER.DISPUTE.CREATED":
    case "CUSTOMER.DISPUTE.RESOLVED": {
      const captureId = resource.disputed_transactions?.[0]?.seller_transaction_id;
      const providerPaymentId = captureId ? await orderOfCapture(captureId) : undefined;
      const amount = toMoney(resource.dispute_amount);
      if (!providerPaymentId || !resource.dispute_id || !amount) return [];
      const common = {
        eventId,
        providerPaymentId,
        providerDisputeId: resource.dispute_id,
        amount,
        ...(resource.reason ? { reason: resource.reason } : {}),
        occurredAt,
      };
      if (event.event_type === "CUSTOMER.DISPUTE.CREATED") {
        return [{ type: "dispute.opened", ...common }];
      }
      const lost = disputesLost.has(resource.dispute_outcome?.outcome_code ?? "");
      return [{ type: "dispute.closed", ...common, outcome: lost ? "lost" : "won" }];
    }
    case "PAYMENT.PAYOUTS-ITEM.SUCCEEDED":
      if (!resource.payout_batch_id) return [];
      return [
        { type: "payout.paid", eventId, providerPayoutId: resource.payout_batch_id, occurredAt },
      ];
    default:
      if (!payoutFailures.has(event.event_type) || !resource.payout_batch_id) return [];
      return [
        {
          type: "payout.failed",
          eventId,
          providerPayoutId: resource.payout_batch_id,
          failureReason: resource.errors?.name ?? resource.transaction_status ?? event.event_type,
          occurredAt,
        },
      ];
  }
}
