import {
  captureJson,
  type DeclineMode,
  type FakeCapture,
  type FakeOrder,
  type FakeRefund,
  type OrderRequest,
  orderJson,
  refundJson,
} from "./fake-order-json.ts";
import {
  decimal,
  type FakeResponse,
  notFound,
  now,
  paypalId,
  readAmount,
  unprocessable,
} from "./fake-support.ts";

/** Queues a webhook event as PayPal would send it. */
export type EmitEvent = (eventType: string, resourceType: string, resource: object) => void;

/** Orders v2 and captures/refunds of Payments v2, in memory, with PayPal's business rules. */
export function createFakeOrders(emit: EmitEvent) {
  const orders = new Map<string, FakeOrder>();
  const captures = new Map<string, FakeCapture>();

  function create(body: OrderRequest): FakeResponse {
    if (body.intent !== "CAPTURE") {
      return unprocessable("NOT_SUPPORTED_BY_FAKE", "The fake only does intent CAPTURE", "/intent");
    }
    const unit = body.purchase_units[0];
    if (!unit || body.purchase_units.length > 1) {
      return unprocessable(
        "NOT_SUPPORTED_BY_FAKE",
        "The fake takes one purchase unit",
        "/purchase_units",
      );
    }
    const amount = readAmount(unit.amount.currency_code, unit.amount.value);
    if (typeof amount === "string") {
      return unprocessable(
        amount,
        `Invalid amount ${unit.amount.value}`,
        "/purchase_units/0/amount",
      );
    }
    const time = now();
    const order: FakeOrder = {
      id: paypalId(),
      status: "PAYER_ACTION_REQUIRED",
      unit,
      amount,
      email: body.payment_source?.paypal?.email_address,
      createTime: time,
      updateTime: time,
      declineAtCapture: false,
    };
    orders.set(order.id, order);
    return { status: 201, body: orderJson(order) };
  }

  function get(id: string): FakeResponse {
    const order = orders.get(id);
    return order ? { status: 200, body: orderJson(order) } : notFound(id);
  }

  function capture(id: string): FakeResponse {
    const order = orders.get(id);
    if (!order) return notFound(id);
    if (order.status === "COMPLETED") {
      return unprocessable("ORDER_ALREADY_CAPTURED", "Order already captured.");
    }
    if (order.status === "VOIDED") return unprocessable("ORDER_EXPIRED", "The order has expired.");
    if (order.status !== "APPROVED") {
      return unprocessable(
        "ORDER_NOT_APPROVED",
        "Payer has not yet approved the Order for payment.",
      );
    }
    if (order.declineAtCapture === "instrument_declined") {
      return unprocessable(
        "INSTRUMENT_DECLINED",
        "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.",
      );
    }
    const time = now();
    const created: FakeCapture = {
      id: paypalId(),
      orderId: order.id,
      status: order.declineAtCapture === "capture_declined" ? "DECLINED" : "COMPLETED",
      amount: order.amount,
      createTime: time,
      updateTime: time,
      refunds: [],
    };
    captures.set(created.id, created);
    Object.assign(order, { status: "COMPLETED", capture: created, updateTime: time });
    const declined = created.status === "DECLINED";
    emit(
      declined ? "PAYMENT.CAPTURE.DECLINED" : "PAYMENT.CAPTURE.COMPLETED",
      "capture",
      captureJson(created, order),
    );
    return { status: 201, body: orderJson(order) };
  }

  function getCapture(id: string): FakeResponse {
    const found = captures.get(id);
    const order = found && orders.get(found.orderId);
    return found && order ? { status: 200, body: captureJson(found, order) } : notFound(id);
  }

  function refund(
    captureId: string,
    body: { amount?: { currency_code: string; value: string }; custom_id?: string },
  ): FakeResponse {
    const found = captures.get(captureId);
    if (!found) return notFound(captureId);
    if (found.status === "DECLINED")
      return unprocessable("REFUND_NOT_ALLOWED", "Capture cannot be refunded.");
    const refunded = found.refunds.reduce((sum, r) => sum + r.amount.minor, 0);
    const remaining = found.amount.minor - refunded;
    if (remaining <= 0) {
      return unprocessable("CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded");
    }
    const requested = body.amount
      ? readAmount(body.amount.currency_code, body.amount.value)
      : { ...found.amount, minor: remaining };
    if (typeof requested === "string")
      return unprocessable(requested, "Invalid refund amount", "/amount");
    if (requested.currency !== found.amount.currency) {
      return unprocessable(
        "REFUND_CAPTURE_CURRENCY_MISMATCH",
        "Refund must be in the same currency as the capture",
      );
    }
    if (requested.minor > remaining) {
      return unprocessable(
        "REFUND_AMOUNT_EXCEEDED",
        "The refund amount must be less than or equal to the capture amount that has not yet been refunded.",
      );
    }
    const created: FakeRefund = {
      id: paypalId(),
      amount: requested,
      createTime: now(),
      customId: body.custom_id,
      totalRefunded: { ...found.amount, minor: refunded + requested.minor },
    };
    found.refunds.push(created);
    found.status =
      created.totalRefunded.minor >= found.amount.minor ? "REFUNDED" : "PARTIALLY_REFUNDED";
    found.updateTime = created.createTime;
    emit("PAYMENT.CAPTURE.REFUNDED", "refund", refundJson(created, found));
    return { status: 201, body: refundJson(created, found) };
  }

  function payerApproves(id: string, declineAtCapture: DeclineMode | false): void {
    const order = orders.get(id);
    if (order?.status !== "PAYER_ACTION_REQUIRED") throw new Error(`Order ${id} awaits no payer`);
    Object.assign(order, { status: "APPROVED", declineAtCapture, updateTime: now() });
    emit("CHECKOUT.ORDER.APPROVED", "checkout-order", orderJson(order));
  }

  return {
    create,
    get,
    capture,
    getCapture,
    refund,
    /** The payer approves on PayPal's page. */
    approve: (id: string) => payerApproves(id, false),
    /** The payer approves, but the funding is declined when the merchant captures. */
    decline: (id: string, mode: DeclineMode = "capture_declined") => payerApproves(id, mode),
    /**
     * The buyer disputes the order's capture (CUSTOMER.DISPUTE.CREATED), or the dispute is
     * resolved (CUSTOMER.DISPUTE.RESOLVED) for the seller (won) or the buyer (lost). An approved
     * order not yet captured is captured first, as the adapter's next read would.
     */
    dispute(id: string, step: "open" | "won" | "lost"): void {
      const order = orders.get(id);
      if (order?.status === "APPROVED") capture(id);
      const captured = order?.capture;
      if (!captured) throw new Error(`Order ${id} has no capture to dispute`);
      const disputeId = `PP-D-${captured.id.slice(0, 8)}`;
      const money = { currency_code: captured.amount.currency, value: decimal(captured.amount) };
      const resource = {
        dispute_id: disputeId,
        create_time: now(),
        update_time: now(),
        disputed_transactions: [{ seller_transaction_id: captured.id }],
        reason: "MERCHANDISE_OR_SERVICE_NOT_RECEIVED",
        status: step === "open" ? "OPEN" : "RESOLVED",
        dispute_amount: money,
        ...(step === "open"
          ? {}
          : {
              dispute_outcome: {
                outcome_code: step === "won" ? "RESOLVED_SELLER_FAVOUR" : "RESOLVED_BUYER_FAVOUR",
                amount_refunded: money,
              },
            }),
      };
      emit(
        step === "open" ? "CUSTOMER.DISPUTE.CREATED" : "CUSTOMER.DISPUTE.RESOLVED",
        "dispute",
        resource,
      );
    },
    /** PayPal voids an order nobody approved or captured in time. */
    expire(id: string): void {
      const order = orders.get(id);
      if (!order || order.status === "COMPLETED") throw new Error(`Order ${id} cannot expire`);
      Object.assign(order, { status: "VOIDED", updateTime: now() });
    },
  };
}

export type FakeOrders = ReturnType<typeof createFakeOrders>;
