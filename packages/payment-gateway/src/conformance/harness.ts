import type {
  CheckoutSession,
  PaymentGateway,
  PayoutDestination,
  ProviderPaymentStatus,
  WebhookRequest,
} from "../gateway.ts";

/**
 * What an adapter's test gives the conformance kit: its gateway pointed at a fresh local fake
 * of the vendor (which validates every request against the vendor's spec), and remote controls
 * for what only the vendor or the payer can do.
 */
export interface ConformanceHarness {
  gateway: PaymentGateway;
  /** A currency the provider takes, and an amount in its minor units. */
  currency: string;
  amountMinor: number;
  /** The payer on the provider's checkout page. */
  payerAction(session: CheckoutSession, action: "pay" | "decline" | "abandon"): Promise<void>;
  /** The provider gives up on an abandoned checkout (its lifespan ran out). */
  expireCheckout(session: CheckoutSession): Promise<void>;
  /** The webhook requests the vendor would have delivered since the last call, signed. */
  takeWebhooks(): Promise<WebhookRequest[]>;
  /** The same request with a signature made with the wrong key (or none). */
  forge(request: WebhookRequest): WebhookRequest;
  /** The same request signed correctly but too long ago; undefined when the scheme has no time. */
  stale?(request: WebhookRequest): WebhookRequest;
  /** The next call of this operation reaches the vendor and succeeds there, but its answer is lost. */
  loseNextResponse(operation: "createCheckout" | "refund" | "createPayout"): void;
  /** What getPayment says after a decline and after an expiry (Konnect reads "pending"). */
  statusAfterDecline: ProviderPaymentStatus;
  statusAfterExpiry: ProviderPaymentStatus;
  /**
   * True when the provider honours our idempotency key on checkout creation. Without it
   * (Konnect) a lost answer is still safe: the payer never saw that pay URL, so core abandons it
   * and creates a new checkout.
   */
  idempotentCheckout: boolean;
  /** False for providers whose webhook carries no signature (Konnect): only a hint to fetch. */
  signedWebhooks: boolean;
  /**
   * The same adapter as another process would create it (a restarted worker): a new instance,
   * nothing in memory, on the same fake. Required when the provider does payouts.
   */
  restarted?(): PaymentGateway;
  /** Payout destinations the fake pays and fails, when the provider does payouts. */
  payouts?: { ok: PayoutDestination; failing: PayoutDestination };
  /**
   * Providers with disputes: the payer's bank disputes the paid checkout's payment (or the
   * dispute closes with an outcome), and the provider queues its webhooks.
   */
  dispute?(session: CheckoutSession, step: "open" | "won" | "lost"): Promise<void>;
  /**
   * Providers with hosted payee onboarding (capabilities.payoutAccountOnboarding): the payee
   * submits the provider's form for this account, and the provider queues its webhooks.
   */
  completeOnboarding?(providerAccountId: string): Promise<void>;
  /**
   * The vendor answers the next request of this operation with 503 (and this Retry-After, in
   * seconds, when `sendsRetryAfter`) without processing it. For the sandbox, whose "vendor"
   * is the app's store: the next store call fails.
   */
  failNextWith503(operation: "createCheckout" | "getPayment", retryAfterSeconds: number): void;
  /** Requests the vendor (or the sandbox's store) has received so far, all operations. */
  requestCount(): number;
  /** Whether the 503 carries a Retry-After the adapter must expose as retryAfterMs. */
  sendsRetryAfter: boolean;
  close(): Promise<void>;
}
