import type { GatewayWebhookEvent } from "./events.ts";
import type { Money } from "./money.ts";
import type { GatewayRoutes, GatewayRuntime } from "./runtime.ts";

/** What a provider can do; core checks these before routing a payment or payout to it. */
export interface GatewayCapabilities {
  /**
   * False for a gateway that only pretends (the sandbox: anyone may press Pay, nothing is
   * charged). A production start refuses every gateway whose movesMoney is false.
   */
  movesMoney: boolean;
  hostedCheckout: boolean;
  refunds: boolean;
  partialRefunds: boolean;
  payouts: boolean;
  /**
   * What `findPayout` returning null means. "provider" (the default): the provider was asked and
   * has no payout with that key: confirmed absent, so a new attempt with the same key is safe.
   * "process": without `providerPayoutId`, only this process's own submissions are known
   * (PayPal has no lookup by sender_batch_id), so null proves nothing and reconciliation must
   * never act on it.
   */
  payoutLookup?: "provider" | "process";
  /**
   * The provider reports disputes (chargebacks) as dispute.opened / dispute.closed webhook
   * events. Absent or false: it has none (Konnect, the sandbox).
   */
  disputes?: boolean;
  /** ISO 4217 codes the provider accepts; undefined = any we support. */
  currencies?: readonly string[];
  /**
   * The provider hosts the onboarding of a payee's own account (Stripe Connect Express): the
   * gateway then has `payoutAccounts`, and reports status changes as payout_account.updated.
   */
  payoutAccountOnboarding?: boolean;
}

export type ProviderPaymentStatus =
  | "pending"
  | "succeeded"
  | "failed"
  | "expired"
  | "refunded"
  | "partially_refunded";

export interface CreateCheckoutInput {
  /** Our payment id; providers echo it back (metadata / order id / client reference). */
  paymentId: string;
  /** `payment:<id>`: the same key on every retry, so the provider creates one checkout. */
  idempotencyKey: string;
  amount: Money;
  description: string;
  customer?: { email?: string; name?: string };
  /** Where the provider sends the payer back; carries our per-payment secret. */
  successUrl: string;
  cancelUrl: string;
  /** Requested lifetime; the provider may round it. */
  expiresInMinutes: number;
  /** Our webhook URL, for providers that take it per payment (Konnect). */
  webhookUrl?: string;
}

export interface CheckoutSession {
  providerPaymentId: string;
  redirectUrl: string;
  expiresAt: Date;
}

export interface ProviderPayment {
  providerPaymentId: string;
  status: ProviderPaymentStatus;
  amount: Money;
  /** Captured amount refunded so far. */
  amountRefunded: Money;
  /** Our payment id, when the provider returns it. */
  paymentId?: string;
}

export interface RefundInput {
  providerPaymentId: string;
  /** Our refund id. */
  refundId: string;
  /** `refund:<id>`. */
  idempotencyKey: string;
  amount: Money;
  reason?: string;
}

export interface RefundResult {
  providerRefundId: string;
  status: "succeeded" | "pending";
}

export type PayoutDestination =
  | { kind: "stripe_account"; accountId: string }
  | { kind: "paypal_email"; email: string }
  /** The sandbox gateway's own fake accounts (development and tests). */
  | { kind: "sandbox"; account: string };

export interface PayoutInput {
  /** Our payout id. */
  payoutId: string;
  /** `payout:<id>`: derived from the payout, so a crashed worker's retry pays once. */
  idempotencyKey: string;
  amount: Money;
  destination: PayoutDestination;
  note: string;
}

export interface FindPayoutInput {
  payoutId: string;
  idempotencyKey: string;
  /**
   * The provider's id of this payout, when an earlier answer gave one (core stores it on the
   * payout row). A provider without a lookup by our key (PayPal) finds the payout through it
   * from any process; the others may ignore it.
   */
  providerPayoutId?: string;
}

export interface ProviderPayout {
  providerPayoutId: string;
  status: "pending" | "paid" | "failed";
  failureReason?: string;
}

/** Where a payee's provider account stands: payouts may go to it only when payoutsEnabled. */
export interface PayoutAccountStatus {
  /** The payee finished the provider's form (it may still be under review). */
  detailsSubmitted: boolean;
  payoutsEnabled: boolean;
  /** What the provider still needs now (its own field names), empty when nothing. */
  currentlyDue: readonly string[];
}

export interface ProviderPayoutAccount extends PayoutAccountStatus {
  providerAccountId: string;
}

export interface CreatePayoutAccountInput {
  /** `payout-account:<mentor id>`: a double click or a retry creates one account. */
  idempotencyKey: string;
  /** Our payee (mentor) id, stored with the provider to trace the account back. */
  payeeId: string;
  email: string;
  /** ISO 3166-1 alpha-2, when known; the provider asks on its form otherwise. */
  country?: string;
}

export interface OnboardingLinkInput {
  providerAccountId: string;
  /** The provider sends the payee here when the link expired or was used: we make a new one. */
  refreshUrl: string;
  /** Where the payee lands after the form (finished or not: ask the status). */
  returnUrl: string;
}

/**
 * Payee accounts onboarded on the provider's hosted form (Connect Express account + Account
 * Link). The payee's details never pass through us: we keep the account id and its status.
 */
export interface PayoutAccountOnboarding {
  createAccount(input: CreatePayoutAccountInput): Promise<ProviderPayoutAccount>;
  getAccount(providerAccountId: string): Promise<ProviderPayoutAccount>;
  /** A single-use, short-lived URL of the provider's hosted onboarding (or update) form. */
  createOnboardingLink(input: OnboardingLinkInput): Promise<{ url: string; expiresAt: Date }>;
}

/** The raw HTTP request of a webhook, as received: verification needs the exact bytes. */
export interface WebhookRequest {
  method: string;
  /** The public URL the provider called (some signatures cover it). */
  url: string;
  headers: Readonly<Record<string, string>>;
  rawBody: Uint8Array;
}

/**
 * A payment provider. Adapters depend on this package only; core never imports a vendor SDK.
 * Every method that reaches the provider has a timeout and throws GatewayError on failure.
 */
export interface PaymentGateway {
  /** Registry id, e.g. "stripe"; also the `:provider` of /api/webhooks/:provider. */
  readonly id: string;
  readonly capabilities: GatewayCapabilities;
  createCheckout(input: CreateCheckoutInput): Promise<CheckoutSession>;
  /** The provider's truth about a payment: the return URL and webhooks settle from this. */
  getPayment(providerPaymentId: string): Promise<ProviderPayment>;
  refund(input: RefundInput): Promise<RefundResult>;
  createPayout?(input: PayoutInput): Promise<ProviderPayout>;
  /**
   * For reconciliation: the payout made with this idempotency key (or for this payout id), or
   * null when the provider confirms it has none (see capabilities.payoutLookup for providers
   * that cannot confirm). Throws GatewayError when the provider cannot be asked.
   */
  findPayout?(input: FindPayoutInput): Promise<ProviderPayout | null>;
  /** Present when capabilities.payoutAccountOnboarding. */
  readonly payoutAccounts?: PayoutAccountOnboarding;
  /**
   * Verifies and parses a webhook. Throws WebhookVerificationError for anything forged, stale
   * or malformed. May return several events (or none, for event types we ignore).
   */
  parseWebhook(request: WebhookRequest): Promise<GatewayWebhookEvent[]>;
  /**
   * Providers whose notifications are unsigned hints (Konnect): the provider payment id the
   * request names, read from the request alone, without calling the provider. The edge goes on
   * (parseWebhook, which asks the provider) only for a payment of ours still pending, so a
   * stranger's request costs neither a provider call nor a stored row. Throws
   * WebhookVerificationError when the request names no payment.
   */
  webhookPaymentRef?(request: WebhookRequest): string;
  /**
   * Pages the provider serves from inside the app (the sandbox's hosted checkout), mounted by
   * the web app at /gateways/<id>/<key>/...; they exist only while this gateway is loaded.
   */
  readonly routes?: GatewayRoutes;
}

/**
 * How an adapter package exposes itself to the registry: its `gatewayFactory` export, loaded by
 * package name from configuration (PAYMENT_GATEWAYS).
 */
export interface GatewayFactory {
  /** Registry id, equal to the created gateway's id (e.g. "stripe"). */
  id: string;
  /**
   * Builds the gateway from the variables it reads in `env` (process.env, or a test's record)
   * and what the app lends every adapter alike (`runtime`: state store, logger, timeout);
   * throws naming a missing or malformed variable. Each call makes exactly one attempt at the
   * provider: retries are core's (callWithRetry), never the adapter's.
   */
  create(
    env: Readonly<Record<string, string | undefined>>,
    runtime: GatewayRuntime,
  ): PaymentGateway;
}
