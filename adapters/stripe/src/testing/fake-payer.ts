import type { FakeContext } from "./fake-api.ts";
import type { FakeCharge, FakePaymentIntent, FakeSession } from "./fake-state.ts";

/**
 * What the payer does on Stripe's hosted page, and what Stripe then does on its own. The fake
 * records it as Stripe would and queues the webhook events Stripe would send.
 */
export function createPayer(context: FakeContext) {
  const { state, objects, emit } = context;

  function openSession(id: string): FakeSession {
    const session = state.sessions.get(id);
    if (!session) throw new Error(`Fake Stripe: no checkout session ${id}`);
    if (session.status !== "open")
      throw new Error(`Fake Stripe: session ${id} is ${session.status}`);
    return session;
  }

  /** Checkout creates the PaymentIntent when the payer first submits the page. */
  function intentOf(session: FakeSession): FakePaymentIntent {
    const existing = session.payment_intent && state.paymentIntents.get(session.payment_intent);
    if (existing) return existing;
    const data = state.intentDataBySession.get(session.id) ?? {};
    const intent = objects.paymentIntent({
      amount: session.amount_total,
      currency: session.currency,
      metadata: data.metadata ?? {},
      description: data.description ?? null,
    });
    state.paymentIntents.set(intent.id, intent);
    session.payment_intent = intent.id;
    return intent;
  }

  function charge(intent: FakePaymentIntent, status: FakeCharge["status"]): FakeCharge {
    const created = objects.charge({ intent, status });
    state.charges.set(created.id, created);
    intent.latest_charge = created.id;
    intent.payment_method = created.payment_method;
    return created;
  }

  function succeed(intent: FakePaymentIntent, charged: FakeCharge): void {
    Object.assign(charged, {
      status: "succeeded",
      paid: true,
      captured: true,
      amount_captured: charged.amount,
    });
    Object.assign(intent, {
      status: "succeeded",
      amount_received: intent.amount,
      last_payment_error: null,
    });
  }

  function fail(intent: FakePaymentIntent, charged: FakeCharge): void {
    Object.assign(charged, {
      status: "failed",
      paid: false,
      failure_code: "card_declined",
      failure_message: "Your card was declined.",
    });
    Object.assign(intent, {
      status: "requires_payment_method",
      last_payment_error: {
        type: "card_error",
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
        charge: charged.id,
      },
    });
  }

  function complete(session: FakeSession, paid: boolean): void {
    session.status = "complete";
    session.payment_status = paid ? "paid" : "unpaid";
    session.customer_details = {
      address: null,
      email: session.customer_email ?? "payer@example.com",
      name: "Test Payer",
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    };
  }

  return {
    /** The payer pays by card: the session completes, paid. */
    pay(sessionId: string): void {
      const session = openSession(sessionId);
      const intent = intentOf(session);
      const charged = charge(intent, "succeeded");
      succeed(intent, charged);
      complete(session, true);
      emit("charge.succeeded", charged);
      emit("payment_intent.succeeded", intent);
      emit("checkout.session.completed", session);
    },

    /**
     * The card is declined. Stripe keeps the session open (the payer may try another card) and
     * only the PaymentIntent and charge record the failure.
     */
    decline(sessionId: string): void {
      const session = openSession(sessionId);
      const intent = intentOf(session);
      const charged = charge(intent, "failed");
      fail(intent, charged);
      emit("charge.failed", charged);
      emit("payment_intent.payment_failed", intent);
    },

    /** A delayed method (SEPA debit…): the session completes unpaid while the bank decides. */
    payAsync(sessionId: string): void {
      const session = openSession(sessionId);
      const intent = intentOf(session);
      charge(intent, "pending");
      intent.status = "processing";
      complete(session, false);
      emit("checkout.session.completed", session);
    },

    /** The bank's answer to payAsync. */
    settleAsync(sessionId: string, outcome: "succeeded" | "failed"): void {
      const session = state.sessions.get(sessionId);
      const intentId = session?.payment_intent;
      const intent = intentId ? state.paymentIntents.get(intentId) : undefined;
      const charged = intent?.latest_charge ? state.charges.get(intent.latest_charge) : undefined;
      if (!session || !intent || !charged || intent.status !== "processing") {
        throw new Error(`Fake Stripe: session ${sessionId} has no payment processing`);
      }
      if (outcome === "succeeded") {
        succeed(intent, charged);
        session.payment_status = "paid";
        emit("checkout.session.async_payment_succeeded", session);
      } else {
        fail(intent, charged);
        emit("checkout.session.async_payment_failed", session);
      }
    },

    /** The connected account's transfer is reversed (e.g. the account was rejected). */
    reverseTransfer(transferId: string): void {
      const transfer = state.transfers.get(transferId);
      if (!transfer) throw new Error(`Fake Stripe: no transfer ${transferId}`);
      transfer.reversed = true;
      transfer.amount_reversed = transfer.amount;
      emit("transfer.reversed", transfer, { reversed: false, amount_reversed: 0 });
    },
  };
}

export type FakePayer = ReturnType<typeof createPayer>;
