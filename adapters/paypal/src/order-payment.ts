import {
  fromDecimalString,
  GatewayError,
  type Money,
  money,
  type ProviderPayment,
  type ProviderPaymentStatus,
} from "@mentora/payment-gateway";
import {
  CaptureStatus,
  type Order,
  OrderStatus,
  type OrdersCapture,
  RefundStatus,
} from "@paypal/paypal-server-sdk";
import { PROVIDER } from "./paypal-errors.ts";

/** Captures that took the payer's money (possibly refunded since). */
const settledCaptureStatuses: ReadonlySet<string> = new Set([
  CaptureStatus.Completed,
  CaptureStatus.PartiallyRefunded,
  CaptureStatus.Refunded,
]);

export function captureOf(order: Order): OrdersCapture | undefined {
  const captures = order.purchaseUnits?.[0]?.payments?.captures ?? [];
  return captures.find((c) => c.status && settledCaptureStatuses.has(c.status)) ?? captures[0];
}

export function isSettledCapture(capture: OrdersCapture | undefined): capture is OrdersCapture {
  return Boolean(capture?.id && capture.status && settledCaptureStatuses.has(capture.status));
}

function toMoney(value: { currencyCode: string; value: string } | undefined): Money {
  if (!value) {
    throw new GatewayError("indeterminate", PROVIDER, "unexpected_response", "Order has no amount");
  }
  return fromDecimalString(value.value, value.currencyCode);
}

/** Completed refunds listed on the order (Orders v2 lists them under purchase_units[].payments). */
function refundedOf(order: Order, capture: OrdersCapture, captured: Money): Money {
  const refunds = order.purchaseUnits?.[0]?.payments?.refunds ?? [];
  const completed = refunds.filter((r) => r.status === RefundStatus.Completed && r.amount);
  if (completed.length === 0 && capture.status === CaptureStatus.Refunded) return captured;
  const total = completed.reduce((sum, r) => sum + toMoney(r.amount).amountMinor, 0);
  return money(total, captured.currency);
}

function statusOf(order: Order, captured: Money, refunded: Money): ProviderPaymentStatus {
  switch (order.status) {
    case OrderStatus.Voided:
      return "expired";
    case OrderStatus.Completed:
      break;
    default:
      return "pending"; // CREATED, SAVED, PAYER_ACTION_REQUIRED, APPROVED (capture failed)
  }
  const capture = captureOf(order);
  if (!capture) return "pending";
  if (capture.status === CaptureStatus.Declined || capture.status === CaptureStatus.Failed) {
    return "failed";
  }
  if (capture.status === CaptureStatus.Pending) return "pending"; // e.g. an eCheck clearing
  if (refunded.amountMinor >= captured.amountMinor && refunded.amountMinor > 0) return "refunded";
  return refunded.amountMinor > 0 ? "partially_refunded" : "succeeded";
}

/** An order as our ProviderPayment. Amount = what the payer agreed to pay (purchase unit 0). */
export function toProviderPayment(order: Order): ProviderPayment {
  const unit = order.purchaseUnits?.[0];
  const amount = toMoney(unit?.amount);
  const capture = captureOf(order);
  const captured = capture?.amount ? toMoney(capture.amount) : amount;
  const refunded =
    capture && isSettledCapture(capture)
      ? refundedOf(order, capture, captured)
      : money(0, amount.currency);
  return {
    providerPaymentId: order.id ?? "",
    status: statusOf(order, captured, refunded),
    amount,
    amountRefunded: refunded,
    paymentId: unit?.customId ?? unit?.referenceId,
  };
}
