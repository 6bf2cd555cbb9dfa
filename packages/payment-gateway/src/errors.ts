/**
 * How a failed gateway call must be handled:
 * - retryable: nothing happened at the provider (network refused, 429, 5xx before processing);
 *   retry with the same idempotency key after a backoff.
 * - permanent: the provider refused (declined, invalid request, refund above captured); do
 *   not retry.
 * - indeterminate: we do not know (a timeout after sending). Never assume it failed: ask the
 *   provider (getPayment / findPayout) before doing anything else.
 */
export type GatewayErrorKind = "retryable" | "permanent" | "indeterminate";

/**
 * Brands that make `instanceof` hold across copies of this package: the web build bundles one
 * copy while adapters loaded at run time (`import(name)`) bring their own, and a class identity
 * check would then fail for every adapter's error (no retry, a forged webhook answered 500).
 */
const gatewayErrorBrand = Symbol.for("@mentora/payment-gateway/GatewayError");
const verificationErrorBrand = Symbol.for("@mentora/payment-gateway/WebhookVerificationError");

function hasBrand(value: unknown, brand: symbol): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true
  );
}

export class GatewayError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, gatewayErrorBrand);
  }
  readonly [gatewayErrorBrand] = true;
  override name = "GatewayError";
  readonly kind: GatewayErrorKind;
  readonly provider: string;
  /** Stable, provider-independent reason, e.g. "card_declined", "refund_exceeds_captured". */
  readonly code: string;
  /**
   * How long the provider asked us to wait (its Retry-After on a 429 or 503), when it said.
   * Core's retry layer waits at least this long before the next attempt.
   */
  readonly retryAfterMs?: number;

  constructor(
    kind: GatewayErrorKind,
    provider: string,
    code: string,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.provider = provider;
    this.code = code;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** A webhook whose signature, age or origin cannot be trusted: answer 4xx, store nothing. */
export class WebhookVerificationError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, verificationErrorBrand);
  }
  readonly [verificationErrorBrand] = true;
  override name = "WebhookVerificationError";
  readonly provider: string;
  readonly reason: "missing_signature" | "bad_signature" | "stale" | "malformed";

  constructor(provider: string, reason: WebhookVerificationError["reason"], message: string) {
    super(message);
    this.provider = provider;
    this.reason = reason;
  }
}

export function isGatewayError(error: unknown, kind?: GatewayErrorKind): error is GatewayError {
  return error instanceof GatewayError && (kind === undefined || error.kind === kind);
}

/**
 * A Retry-After header value (delay-seconds or an HTTP-date) in milliseconds from `now`;
 * undefined when absent or unreadable. A date in the past reads as 0.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
