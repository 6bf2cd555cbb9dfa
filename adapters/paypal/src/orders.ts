import {
  type CheckoutSession,
  type CreateCheckoutInput,
  GatewayError,
  isGatewayError,
  type ProviderPayment,
  toDecimalString,
} from "@mentora/payment-gateway";
import {
  CheckoutPaymentIntent,
  type Order,
  OrderStatus,
  PaypalExperienceUserAction,
  PaypalWalletContextShippingPreference,
} from "@paypal/paypal-server-sdk";
import { toProviderPayment } from "./order-payment.ts";
import type { PayPalCalls } from "./paypal-calls.ts";
import { PROVIDER } from "./paypal-errors.ts";

/** PayPal voids an order nobody approved about 3 hours after its creation; it takes no lifetime. */
export const orderLifetimeMinutes = 180;

/** Our own, derived key: every path that captures an order sends the same one. */
export const captureRequestId = (orderId: string) => `capture:${orderId}`;

export interface SettledOrder {
  order: Order;
  /** The capture was refused (INSTRUMENT_DECLINED): no money moved, the payer must start over. */
  declined: boolean;
}

export function createOrderOperations({ api, callOnce }: PayPalCalls) {
  async function getOrder(orderId: string): Promise<Order> {
    return (await callOnce(() => api.orders.getOrder({ id: orderId }))).result;
  }

  /**
   * Capture-on-read: PayPal only moves money when the merchant captures an APPROVED order. The
   * return URL and the CHECKOUT.ORDER.APPROVED webhook both end in getPayment, so capturing
   * here (idempotently: a fixed PayPal-Request-Id per order) makes both paths converge on one
   * capture, whichever comes first, and "succeeded" always means captured.
   */
  async function settleOrder(orderId: string): Promise<SettledOrder> {
    const order = await getOrder(orderId);
    if (order.status !== OrderStatus.Approved) return { order, declined: false };
    try {
      const captured = await callOnce(() =>
        api.orders.captureOrder({
          id: orderId,
          paypalRequestId: captureRequestId(orderId),
          prefer: "return=representation",
          body: {},
        }),
      );
      return { order: captured.result, declined: false };
    } catch (error) {
      if (isGatewayError(error, "permanent") && error.code === "order_already_captured") {
        return { order: await getOrder(orderId), declined: false };
      }
      if (isGatewayError(error, "permanent") && error.code === "payment_declined") {
        return { order, declined: true };
      }
      throw error;
    }
  }

  async function createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession> {
    const { amount } = input;
    const response = await callOnce(() =>
      api.orders.createOrder({
        paypalRequestId: input.idempotencyKey,
        prefer: "return=representation",
        body: {
          intent: CheckoutPaymentIntent.Capture,
          purchaseUnits: [
            {
              referenceId: input.paymentId,
              customId: input.paymentId,
              // PayPal refuses a second capture with the same invoice id: a guard against paying twice.
              invoiceId: input.paymentId,
              description: input.description.slice(0, 127),
              amount: { currencyCode: amount.currency, value: toDecimalString(amount) },
            },
          ],
          paymentSource: {
            paypal: {
              emailAddress: input.customer?.email,
              experienceContext: {
                returnUrl: input.successUrl,
                cancelUrl: input.cancelUrl,
                userAction: PaypalExperienceUserAction.PayNow,
                shippingPreference: PaypalWalletContextShippingPreference.NoShipping,
              },
            },
          },
        },
      }),
    );
    const order = response.result;
    const approval = order.links?.find((l) => l.rel === "payer-action" || l.rel === "approve");
    if (!order.id || !approval) {
      throw new GatewayError(
        "permanent",
        PROVIDER,
        "unexpected_response",
        "Order without approval link",
      );
    }
    const minutes = Math.min(input.expiresInMinutes, orderLifetimeMinutes);
    return {
      providerPaymentId: order.id,
      redirectUrl: approval.href,
      expiresAt: new Date(Date.now() + minutes * 60_000),
    };
  }

  async function getPayment(orderId: string): Promise<ProviderPayment> {
    const { order, declined } = await settleOrder(orderId);
    const payment = toProviderPayment(order);
    return declined ? { ...payment, status: "failed" } : payment;
  }

  return { createCheckout, getPayment, settleOrder };
}
