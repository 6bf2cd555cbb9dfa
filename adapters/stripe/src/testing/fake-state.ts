/** The fake's records: Stripe objects as the API returns them (2023-08-16 shapes). */
export interface FakeObject {
  id: string;
  object: string;
  [field: string]: unknown;
}

export interface FakeSession extends FakeObject {
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  payment_intent: string | null;
  amount_total: number;
  currency: string;
  customer_email: string | null;
  metadata: Record<string, string>;
}

/** What a session's `payment_intent_data` asked for, applied when the payer submits. */
export interface IntentData {
  metadata?: Record<string, string>;
  description?: string;
}

export interface FakePaymentIntent extends FakeObject {
  status: string;
  amount: number;
  currency: string;
  latest_charge: string | null;
  metadata: Record<string, string>;
}

export interface FakeCharge extends FakeObject {
  status: "succeeded" | "pending" | "failed";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  refunded: boolean;
  payment_intent: string | null;
}

export interface FakeTransfer extends FakeObject {
  amount: number;
  amount_reversed: number;
  reversed: boolean;
  transfer_group: string | null;
  destination: string;
  created: number;
}

export interface FakeAccount extends FakeObject {
  details_submitted: boolean;
  payouts_enabled: boolean;
  requirements: { currently_due: string[]; [field: string]: unknown };
}

/** An Account Link's hosted form, by the token in its URL. */
export interface FakeAccountLink {
  accountId: string;
  refreshUrl: string;
  returnUrl: string;
  expiresAt: number;
  used: boolean;
}

export interface FakeEvent extends FakeObject {
  type: string;
  created: number;
  data: { object: FakeObject; previous_attributes?: Record<string, unknown> };
}

export interface FakeState {
  sessions: Map<string, FakeSession>;
  intentDataBySession: Map<string, IntentData>;
  paymentIntents: Map<string, FakePaymentIntent>;
  charges: Map<string, FakeCharge>;
  refunds: Map<string, FakeObject>;
  transfers: Map<string, FakeTransfer>;
  accounts: Map<string, FakeAccount>;
  accountLinks: Map<string, FakeAccountLink>;
  /** Events not yet delivered (the harness drains them). */
  pendingEvents: FakeEvent[];
  /** Connected accounts that cannot receive transfers. */
  failingAccounts: Set<string>;
}

export function createFakeState(): FakeState {
  return {
    sessions: new Map(),
    intentDataBySession: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    transfers: new Map(),
    accounts: new Map(),
    accountLinks: new Map(),
    pendingEvents: [],
    failingAccounts: new Set(),
  };
}

/** Any object by id, for `expand`. */
export function findObject(state: FakeState, id: string): FakeObject | undefined {
  return (
    state.sessions.get(id) ??
    state.paymentIntents.get(id) ??
    state.charges.get(id) ??
    state.refunds.get(id) ??
    state.transfers.get(id) ??
    state.accounts.get(id)
  );
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
