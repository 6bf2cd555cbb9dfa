import {
  GatewayError,
  type RefundInput,
  type RefundResult,
  toDecimalString,
} from "@mentora/payment-gateway";
import { RefundStatus } from "@paypal/paypal-server-sdk";
import { captureOf, isSettledCapture } from "./order-payment.ts";
import type { createOrderOperations } from "./orders.ts";
import type { PayPalCalls } from "./paypal-calls.ts";
import { PROVIDER } from "./paypal-errors.ts";

type SettleOrder = ReturnType<typeof createOrderOperations>["settleOrder"];

/**
 * Refunds the order's capture. No local "above captured" check: after a lost answer the same
 * PayPal-Request-Id must replay the first refund, which a check against the new total would
 * refuse. PayPal's REFUND_AMOUNT_EXCEEDED maps to the permanent "refund_exceeds_captured".
 */
export function createRefundOperation({ api, callOnce }: PayPalCalls, settleOrder: SettleOrder) {
  return async function refund(input: RefundInput): Promise<RefundResult> {
    const { order } = await settleOrder(input.providerPaymentId);
    const capture = captureOf(order);
    if (!isSettledCapture(capture)) {
      throw new GatewayError("permanent", PROVIDER, "not_captured", "Nothing captured to refund");
    }
    if (capture.amount && capture.amount.currencyCode !== input.amount.currency) {
      throw new GatewayError("permanent", PROVIDER, "currency_mismatch", "Refund currency differs");
    }
    const response = await callOnce(() =>
      api.payments.refundCapturedPayment({
        captureId: capture.id ?? "",
        paypalRequestId: input.idempotencyKey,
        prefer: "return=representation",
        body: {
          amount: { currencyCode: input.amount.currency, value: toDecimalString(input.amount) },
          customId: input.refundId.slice(0, 127),
          noteToPayer: input.reason?.slice(0, 255) || undefined,
        },
      }),
    );
    const refund = response.result;
    if (refund.status === RefundStatus.Failed || refund.status === RefundStatus.Cancelled) {
      throw new GatewayError("permanent", PROVIDER, "refund_failed", `Refund ${refund.status}`);
    }
    return {
      providerRefundId: refund.id ?? "",
      status: refund.status === RefundStatus.Completed ? "succeeded" : "pending",
    };
  };
}
