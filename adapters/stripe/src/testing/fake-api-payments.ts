import {
  asMetadata,
  asString,
  type FakeHandler,
  formatAmount,
  invalidParam,
  noSuch,
  ok,
  stripeError,
} from "./fake-api.ts";
import type { FakeCharge } from "./fake-state.ts";

export const retrievePaymentIntent: FakeHandler = ({ pathParams }, { state }) => {
  const id = pathParams.intent ?? "";
  const intent = state.paymentIntents.get(id);
  return intent ? ok(intent) : noSuch("payment_intent", id, "intent");
};

export const retrieveCharge: FakeHandler = ({ pathParams }, { state }) => {
  const id = pathParams.charge ?? "";
  const charge = state.charges.get(id);
  return charge ? ok(charge) : noSuch("charge", id, "charge");
};

export const retrieveRefund: FakeHandler = ({ pathParams }, { state }) => {
  const id = pathParams.refund ?? "";
  const refund = state.refunds.get(id);
  return refund ? ok(refund) : noSuch("refund", id, "refund");
};

/** Refunds a PaymentIntent's (or a charge's) captured amount, never more than what is left. */
export const createRefund: FakeHandler = ({ body }, { state, objects, emit }) => {
  const intentId = asString(body.payment_intent);
  const chargeId = asString(body.charge);
  if (!intentId === !chargeId) {
    return {
      ...invalidParam(
        "payment_intent",
        "You must pass either payment_intent or charge (and not both) to create a refund.",
      ),
      unsaved: true,
    };
  }
  let charge: FakeCharge | undefined;
  if (intentId) {
    const intent = state.paymentIntents.get(intentId);
    if (!intent) return noSuch("payment_intent", intentId, "payment_intent");
    charge = intent.latest_charge ? state.charges.get(intent.latest_charge) : undefined;
    if (charge?.status !== "succeeded") {
      return invalidParam(
        "payment_intent",
        `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
      );
    }
  } else {
    charge = state.charges.get(chargeId ?? "");
    if (!charge) return noSuch("charge", chargeId ?? "", "charge");
  }
  const left = charge.amount_captured - charge.amount_refunded;
  if (left === 0) {
    return invalidParam(
      "charge",
      `Charge ${charge.id} has already been refunded.`,
      "charge_already_refunded",
    );
  }
  const amount = typeof body.amount === "number" ? body.amount : left;
  if (amount <= 0) return { ...invalidParam("amount", "Invalid positive integer"), unsaved: true };
  if (amount > left) {
    return stripeError(400, {
      type: "invalid_request_error",
      param: "amount",
      message: `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(left, charge.currency)})`,
    });
  }
  const refund = objects.refund({
    charge,
    amount,
    metadata: asMetadata(body.metadata),
    reason: asString(body.reason) ?? null,
  });
  state.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  emit("charge.refunded", charge, previous);
  return ok(refund);
};
