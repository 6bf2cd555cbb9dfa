import { apiHost, type FakeMoney, ordersMoney, webHost } from "./fake-support.ts";

// The fake's records of Orders v2 and Payments v2 objects, and their JSON as PayPal writes it.

export interface PurchaseUnitRequest {
  reference_id?: string;
  custom_id?: string;
  invoice_id?: string;
  description?: string;
  amount: { currency_code: string; value: string };
}

export interface OrderRequest {
  intent: string;
  purchase_units: PurchaseUnitRequest[];
  payment_source?: { paypal?: { email_address?: string } };
}

export interface FakeRefund {
  id: string;
  amount: FakeMoney;
  createTime: string;
  customId?: string;
  totalRefunded: FakeMoney;
}

export interface FakeCapture {
  id: string;
  orderId: string;
  status: "COMPLETED" | "DECLINED" | "PARTIALLY_REFUNDED" | "REFUNDED";
  amount: FakeMoney;
  createTime: string;
  updateTime: string;
  refunds: FakeRefund[];
}

export type DeclineMode = "capture_declined" | "instrument_declined";

export interface FakeOrder {
  id: string;
  status: "PAYER_ACTION_REQUIRED" | "APPROVED" | "VOIDED" | "COMPLETED";
  unit: PurchaseUnitRequest;
  amount: FakeMoney;
  email?: string;
  createTime: string;
  updateTime: string;
  /**
   * How the funding fails when the merchant captures: a DECLINED capture (the order completes
   * with no money), or PayPal's 422 INSTRUMENT_DECLINED (the order stays APPROVED).
   */
  declineAtCapture: DeclineMode | false;
  capture?: FakeCapture;
}

const link = (path: string, rel: string, method = "GET") => ({
  href: `${apiHost}${path}`,
  rel,
  method,
});

export function refundJson(refund: FakeRefund, capture: FakeCapture) {
  return {
    id: refund.id,
    status: "COMPLETED",
    amount: ordersMoney(refund.amount),
    ...(refund.customId ? { custom_id: refund.customId } : {}),
    seller_payable_breakdown: {
      gross_amount: ordersMoney(refund.amount),
      paypal_fee: ordersMoney({ ...refund.amount, minor: 0 }),
      net_amount: ordersMoney(refund.amount),
      total_refunded_amount: ordersMoney(refund.totalRefunded),
    },
    create_time: refund.createTime,
    update_time: refund.createTime,
    links: [
      link(`/v2/payments/refunds/${refund.id}`, "self"),
      link(`/v2/payments/captures/${capture.id}`, "up"),
    ],
  };
}

export function captureJson(capture: FakeCapture, order: FakeOrder) {
  const fee = { ...capture.amount, minor: Math.min(capture.amount.minor, 35) };
  const net = { ...capture.amount, minor: capture.amount.minor - fee.minor };
  return {
    id: capture.id,
    status: capture.status,
    amount: ordersMoney(capture.amount),
    final_capture: true,
    ...(capture.status === "DECLINED"
      ? {}
      : {
          seller_receivable_breakdown: {
            gross_amount: ordersMoney(capture.amount),
            paypal_fee: ordersMoney(fee),
            net_amount: ordersMoney(net),
          },
        }),
    ...(order.unit.custom_id ? { custom_id: order.unit.custom_id } : {}),
    ...(order.unit.invoice_id ? { invoice_id: order.unit.invoice_id } : {}),
    supplementary_data: { related_ids: { order_id: order.id } },
    create_time: capture.createTime,
    update_time: capture.updateTime,
    links: [
      link(`/v2/payments/captures/${capture.id}`, "self"),
      link(`/v2/payments/captures/${capture.id}/refund`, "refund", "POST"),
      link(`/v2/checkout/orders/${order.id}`, "up"),
    ],
  };
}

export function orderJson(order: FakeOrder) {
  const { capture } = order;
  const approved = order.status !== "PAYER_ACTION_REQUIRED" && order.status !== "VOIDED";
  const payer = {
    name: { given_name: "Zoé", surname: "Côté" },
    email_address: order.email ?? "payer@example.com",
    payer_id: "QYR5Z8XDVJNXQ",
  };
  return {
    id: order.id,
    intent: "CAPTURE",
    status: order.status,
    ...(approved
      ? { payment_source: { paypal: { ...payer, account_id: payer.payer_id } }, payer }
      : {}),
    purchase_units: [
      {
        reference_id: order.unit.reference_id ?? "default",
        amount: ordersMoney(order.amount),
        payee: { email_address: "merchant@mentora.test", merchant_id: "7KNGBPH2U58GQ" },
        ...(order.unit.description ? { description: order.unit.description } : {}),
        ...(order.unit.custom_id ? { custom_id: order.unit.custom_id } : {}),
        ...(order.unit.invoice_id ? { invoice_id: order.unit.invoice_id } : {}),
        ...(capture
          ? {
              payments: {
                captures: [captureJson(capture, order)],
                refunds: capture.refunds.map((r) => refundJson(r, capture)),
              },
            }
          : {}),
      },
    ],
    create_time: order.createTime,
    update_time: order.updateTime,
    links: [
      link(`/v2/checkout/orders/${order.id}`, "self"),
      ...(order.status === "PAYER_ACTION_REQUIRED"
        ? [{ href: `${webHost}/checkoutnow?token=${order.id}`, rel: "payer-action", method: "GET" }]
        : []),
      ...(order.status === "APPROVED"
        ? [link(`/v2/checkout/orders/${order.id}/capture`, "capture", "POST")]
        : []),
    ],
  };
}
