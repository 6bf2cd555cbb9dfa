import { fakeId } from "./fake-ids.ts";
import type {
  FakeAccount,
  FakeCharge,
  FakeEvent,
  FakeObject,
  FakePaymentIntent,
  FakeSession,
  FakeTransfer,
} from "./fake-state.ts";
import { nowSeconds } from "./fake-state.ts";
import type { StripeSpec } from "./stripe-spec.ts";

/**
 * Builds the fake's answers from the spec's own example objects (fixtures3.json), overriding
 * only what the request decides: every other field keeps Stripe's 2023-08-16 shape.
 */
export function createObjectFactory(spec: StripeSpec) {
  function from<T extends FakeObject>(type: string, fields: Partial<T>): T {
    const fixture = spec.fixtures[type];
    if (!fixture) throw new Error(`fixtures3.json has no ${type}`);
    return { ...structuredClone(fixture), ...fields } as T;
  }
  const emptyList = (url: string) => ({ object: "list", data: [], has_more: false, url });

  return {
    session(fields: {
      amount: number;
      currency: string;
      successUrl: string | null;
      cancelUrl: string | null;
      clientReferenceId: string | null;
      customerEmail: string | null;
      expiresAt: number;
      metadata: Record<string, string>;
    }): FakeSession {
      const id = fakeId.checkoutSession();
      return from<FakeSession>("checkout.session", {
        id,
        amount_subtotal: fields.amount,
        amount_total: fields.amount,
        currency: fields.currency,
        success_url: fields.successUrl,
        cancel_url: fields.cancelUrl,
        client_reference_id: fields.clientReferenceId,
        customer_email: fields.customerEmail,
        customer_details: null,
        created: nowSeconds(),
        expires_at: fields.expiresAt,
        metadata: fields.metadata,
        mode: "payment",
        // Since 2022-08-01 Checkout creates the PaymentIntent only when the payer submits.
        payment_intent: null,
        payment_status: "unpaid",
        status: "open",
        url: `https://checkout.stripe.com/c/pay/${id}`,
      });
    },

    paymentIntent(fields: {
      amount: number;
      currency: string;
      metadata: Record<string, string>;
      description: string | null;
    }): FakePaymentIntent {
      const id = fakeId.paymentIntent();
      return from<FakePaymentIntent>("payment_intent", {
        id,
        amount: fields.amount,
        amount_received: 0,
        currency: fields.currency,
        created: nowSeconds(),
        canceled_at: null,
        client_secret: `${id}_secret_${fakeId.request().slice(4)}`,
        description: fields.description,
        metadata: fields.metadata,
        latest_charge: null,
        status: "requires_payment_method",
      });
    },

    charge(fields: { intent: FakePaymentIntent; status: FakeCharge["status"] }): FakeCharge {
      const id = fakeId.charge();
      const succeeded = fields.status === "succeeded";
      return from<FakeCharge>("charge", {
        id,
        amount: fields.intent.amount,
        amount_captured: succeeded ? fields.intent.amount : 0,
        amount_refunded: 0,
        balance_transaction: succeeded ? fakeId.balanceTransaction() : null,
        captured: succeeded,
        created: nowSeconds(),
        currency: fields.intent.currency,
        description: fields.intent.description ?? null,
        failure_code: fields.status === "failed" ? "card_declined" : null,
        failure_message: fields.status === "failed" ? "Your card was declined." : null,
        metadata: {},
        paid: succeeded,
        payment_intent: fields.intent.id,
        payment_method: fakeId.paymentMethod(),
        receipt_url: null,
        refunded: false,
        refunds: emptyList(`/v1/charges/${id}/refunds`),
        status: fields.status,
      });
    },

    dispute(fields: { charge: FakeCharge; status: string }): FakeObject {
      return from<FakeObject>("dispute", {
        id: fakeId.dispute(),
        amount: fields.charge.amount_captured,
        charge: fields.charge.id,
        created: nowSeconds(),
        currency: fields.charge.currency,
        payment_intent: fields.charge.payment_intent,
        reason: "fraudulent",
        status: fields.status,
      });
    },

    refund(fields: {
      charge: FakeCharge;
      amount: number;
      metadata: Record<string, string>;
      reason: string | null;
    }): FakeObject {
      return from<FakeObject>("refund", {
        id: fakeId.refund(),
        amount: fields.amount,
        balance_transaction: fakeId.balanceTransaction(),
        charge: fields.charge.id,
        created: nowSeconds(),
        currency: fields.charge.currency,
        metadata: fields.metadata,
        payment_intent: fields.charge.payment_intent,
        reason: fields.reason,
        status: "succeeded",
      });
    },

    transfer(fields: {
      amount: number;
      currency: string;
      destination: string;
      transferGroup: string | null;
      description: string | null;
      metadata: Record<string, string>;
    }): FakeTransfer {
      const id = fakeId.transfer();
      return from<FakeTransfer>("transfer", {
        id,
        amount: fields.amount,
        amount_reversed: 0,
        balance_transaction: fakeId.balanceTransaction(),
        created: nowSeconds(),
        currency: fields.currency,
        description: fields.description,
        destination: fields.destination,
        destination_payment: fakeId.destinationPayment(),
        metadata: fields.metadata,
        reversals: emptyList(`/v1/transfers/${id}/reversals`),
        reversed: false,
        transfer_group: fields.transferGroup,
      });
    },

    account(fields: {
      email: string | null;
      country: string;
      metadata: Record<string, string>;
      capabilities: Record<string, string>;
      currentlyDue: readonly string[];
    }): FakeAccount {
      const id = fakeId.account();
      const fixture = spec.fixtures.account as { requirements: Record<string, unknown> };
      return from<FakeAccount>("account", {
        id,
        type: "express",
        controller: { is_controller: true, type: "application" },
        business_type: null,
        capabilities: fields.capabilities,
        charges_enabled: false,
        country: fields.country,
        created: nowSeconds(),
        default_currency: fields.country === "US" ? "usd" : "eur",
        details_submitted: false,
        email: fields.email,
        external_accounts: emptyList(`/v1/accounts/${id}/external_accounts`),
        metadata: fields.metadata,
        payouts_enabled: false,
        requirements: {
          ...structuredClone(fixture.requirements),
          currently_due: [...fields.currentlyDue],
          eventually_due: [...fields.currentlyDue],
          disabled_reason: "requirements.past_due",
        },
      });
    },

    accountLink(fields: { url: string; expiresAt: number }): Record<string, unknown> {
      return {
        ...structuredClone(spec.fixtures.account_link),
        created: nowSeconds(),
        expires_at: fields.expiresAt,
        url: fields.url,
      };
    },

    event(type: string, object: FakeObject, previous?: Record<string, unknown>): FakeEvent {
      return from<FakeEvent>("event", {
        id: fakeId.event(),
        api_version: spec.apiVersion,
        created: nowSeconds(),
        data: {
          object: structuredClone(object),
          ...(previous ? { previous_attributes: previous } : {}),
        },
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
      });
    },

    list(data: readonly FakeObject[], url: string, hasMore: boolean) {
      return { object: "list", data: structuredClone(data), has_more: hasMore, url };
    },
  };
}

export type ObjectFactory = ReturnType<typeof createObjectFactory>;
