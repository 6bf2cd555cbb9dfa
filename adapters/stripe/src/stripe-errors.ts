import { GatewayError, parseRetryAfter } from "@mentora/payment-gateway";
import Stripe from "stripe";

export const PROVIDER = "stripe";

/** Which call failed: the same Stripe error means different things per operation. */
export type StripeOperation =
  | "createCheckout"
  | "getPayment"
  /** Reading the session a refund is for, before refunding. */
  | "readSession"
  | "refund"
  | "createPayout"
  | "findPayout"
  /** Finding the session of a refunded charge, for its webhook. */
  | "findSession"
  | "createAccount"
  | "getAccount"
  /** A new Account Link has no side effect worth guarding: another one is simply made. */
  | "createOnboardingLink";

const READ_ONLY: ReadonlySet<StripeOperation> = new Set([
  "getPayment",
  "readSession",
  "findPayout",
  "findSession",
  "getAccount",
  "createOnboardingLink",
]);

// Failures that happen before a single byte reaches Stripe.
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

const { errors } = Stripe;

/**
 * Maps a stripe-node error to our three kinds. Reads have no side effect, so what would be
 * indeterminate for a write is simply retryable for them.
 */
export function toGatewayError(error: unknown, operation: StripeOperation): GatewayError {
  if (error instanceof GatewayError) return error;
  const mapped = classify(error, operation);
  const kind =
    mapped.kind === "indeterminate" && READ_ONLY.has(operation) ? "retryable" : mapped.kind;
  const message = error instanceof Error ? error.message : String(error);
  const retryAfter =
    kind === "retryable" && error instanceof errors.StripeError
      ? parseRetryAfter(error.headers?.["retry-after"])
      : undefined;
  return new GatewayError(kind, PROVIDER, mapped.code, `Stripe ${operation}: ${message}`, {
    cause: error,
    retryAfterMs: retryAfter,
  });
}

function classify(
  error: unknown,
  operation: StripeOperation,
): { kind: GatewayError["kind"]; code: string } {
  if (error instanceof errors.StripeConnectionError) {
    const code = connectionCode(error);
    if (code && NEVER_SENT.has(code)) return { kind: "retryable", code: "network_unreachable" };
    // Sent, maybe processed: only asking Stripe tells.
    return { kind: "indeterminate", code: code === "ETIMEDOUT" ? "timeout" : "connection_lost" };
  }
  if (error instanceof errors.StripeRateLimitError) {
    return { kind: "retryable", code: "rate_limited" };
  }
  if (error instanceof errors.StripeIdempotencyError) {
    return { kind: "permanent", code: "idempotency_conflict" };
  }
  if (error instanceof errors.StripeCardError) {
    return { kind: "permanent", code: error.code ?? "card_declined" };
  }
  if (error instanceof errors.StripeAuthenticationError) {
    return { kind: "permanent", code: "authentication_failed" };
  }
  if (error instanceof errors.StripePermissionError) {
    return { kind: "permanent", code: "permission_denied" };
  }
  if (error instanceof errors.StripeInvalidRequestError) {
    return { kind: "permanent", code: invalidRequestCode(error, operation) };
  }
  if (error instanceof errors.StripeError) {
    const status = error.statusCode ?? 0;
    // 5xx before processing, or 409 (a concurrent request holds the key): retry, same key.
    // Stripe-Should-Retry: false means a retry would only replay a saved (unknown) outcome.
    const replayOnly = error.headers?.["stripe-should-retry"] === "false";
    if ((status >= 500 || status === 409) && !replayOnly) {
      return { kind: "retryable", code: status === 409 ? "conflict" : "provider_unavailable" };
    }
    if (status >= 500 || status === 0) return { kind: "indeterminate", code: "provider_error" };
    return { kind: "permanent", code: error.code ?? "provider_refused" };
  }
  return { kind: "indeterminate", code: "unexpected_error" };
}

function connectionCode(
  error: InstanceType<typeof errors.StripeConnectionError>,
): string | undefined {
  const detail = error.detail as { code?: unknown; exception?: { code?: unknown } } | undefined;
  const code = detail?.code ?? detail?.exception?.code;
  return typeof code === "string" ? code : undefined;
}

function invalidRequestCode(
  error: InstanceType<typeof errors.StripeInvalidRequestError>,
  operation: StripeOperation,
): string {
  if (error.code === "resource_missing") return "not_found";
  if (
    operation === "refund" &&
    (error.param === "amount" ||
      error.code === "charge_already_refunded" ||
      error.code === "amount_too_large")
  ) {
    // Stripe refuses "Refund amount (…) is greater than unrefunded amount on charge (…)".
    return "refund_exceeds_captured";
  }
  if (operation === "createPayout" && error.param === "destination") {
    return "payout_destination_unusable";
  }
  return error.code ?? "invalid_request";
}
