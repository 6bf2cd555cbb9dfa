import { GatewayError, type GatewayErrorKind, parseRetryAfter } from "@mentora/payment-gateway";
import { ApiError } from "@paypal/paypal-server-sdk";

export const PROVIDER = "paypal";

/** PayPal's error body: `{ name, message, debug_id, details: [{ issue, field, link? }], links }`. */
export interface PayPalErrorBody {
  name?: string;
  message?: string;
  debug_id?: string;
  details?: { issue?: string; field?: string; description?: string; link?: PayPalLink[] }[];
  links?: PayPalLink[];
  /** The OAuth endpoint answers `{ error, error_description }` instead. */
  error?: string;
  error_description?: string;
}

export interface PayPalLink {
  href: string;
  rel?: string;
  method?: string;
}

/**
 * Thrown by our fetch: `sent: false` when the request certainly never reached PayPal
 * (connection refused, DNS), `sent: true` when it may have (timeout, reset mid-answer).
 */
export class PayPalTransportError extends Error {
  override name = "PayPalTransportError";
  readonly sent: boolean;

  constructor(sent: boolean, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.sent = sent;
  }
}

/** PayPal issue codes that core reacts to, mapped to our stable, provider-independent codes. */
const issueCodes: Readonly<Record<string, string>> = {
  REFUND_AMOUNT_EXCEEDED: "refund_exceeds_captured",
  CAPTURE_FULLY_REFUNDED: "refund_exceeds_captured",
  REFUND_CAPTURE_CURRENCY_MISMATCH: "currency_mismatch",
  CURRENCY_MISMATCH: "currency_mismatch",
  CURRENCY_NOT_SUPPORTED: "currency_not_supported",
  INSTRUMENT_DECLINED: "payment_declined",
  TRANSACTION_REFUSED: "payment_declined",
  DUPLICATE_INVOICE_ID: "duplicate_invoice",
  ORDER_NOT_APPROVED: "order_not_approved",
  ORDER_ALREADY_CAPTURED: "order_already_captured",
  RESOURCE_NOT_FOUND: "not_found",
  INVALID_RESOURCE_ID: "not_found",
};

export function parseErrorBody(body: unknown): PayPalErrorBody {
  if (typeof body === "string") {
    try {
      return parseErrorBody(JSON.parse(body));
    } catch {
      return {};
    }
  }
  return body && typeof body === "object" ? (body as PayPalErrorBody) : {};
}

export function issuesOf(body: PayPalErrorBody): string[] {
  return (body.details ?? []).flatMap((detail) => (detail.issue ? [detail.issue] : []));
}

/** Statuses whose meaning does not depend on the body. */
const statusKinds: Readonly<Record<number, [GatewayErrorKind, string]>> = {
  429: ["retryable", "rate_limited"],
  // A request with the same PayPal-Request-Id is still being processed.
  409: ["retryable", "request_in_progress"],
  401: ["permanent", "authentication_failed"],
  403: ["permanent", "not_authorized"],
};

function classifyStatus(status: number, issues: string[]): [GatewayErrorKind, string] {
  const fixed = statusKinds[status];
  if (fixed) return fixed;
  if (status >= 500) return ["retryable", "provider_unavailable"];
  const known = issues.map((issue) => issueCodes[issue]).find(Boolean);
  if (known) return ["permanent", known];
  if (status === 404) return ["permanent", "not_found"];
  return ["permanent", status === 422 ? "unprocessable_entity" : "invalid_request"];
}

/**
 * Maps a non-2xx PayPal answer. 429, 409 and 5xx are retryable: every retry resends the same
 * PayPal-Request-Id, so PayPal acts at most once. Other 4xx are permanent, with our code for
 * the issues core reacts to, else "invalid_request" (400) / "unprocessable_entity" (422).
 */
export function httpStatusError(
  status: number,
  rawBody: unknown,
  retryAfter?: string | null,
): GatewayError {
  const body = parseErrorBody(rawBody);
  const issues = issuesOf(body);
  const summary = [body.name ?? body.error, ...issues].filter(Boolean).join(" ");
  const detail = body.message ?? body.error_description ?? "no message";
  const message = `PayPal answered ${status}${summary ? ` (${summary})` : ""}: ${detail}`;
  const [kind, code] = classifyStatus(status, issues);
  const retryAfterMs = kind === "retryable" ? parseRetryAfter(retryAfter) : undefined;
  return new GatewayError(kind, PROVIDER, code, message, { retryAfterMs });
}

function findInChain<T>(error: unknown, test: (e: unknown) => e is T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth += 1) {
    if (test(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const isGatewayError = (e: unknown): e is GatewayError => e instanceof GatewayError;
const isTransportError = (e: unknown): e is PayPalTransportError =>
  e instanceof PayPalTransportError;

/** Any failure of a PayPal call, SDK or plain fetch, as a GatewayError. */
export function toGatewayError(error: unknown): GatewayError {
  // Ours, possibly wrapped by axios when raised inside the SDK's fetch (a token fetch).
  const ours = findInChain(error, isGatewayError);
  if (ours) return ours;
  if (error instanceof ApiError) {
    return httpStatusError(error.statusCode, error.body, headerOf(error.headers, "retry-after"));
  }
  const transport = findInChain(error, isTransportError);
  if (transport) {
    return transport.sent
      ? new GatewayError("indeterminate", PROVIDER, "timeout", transport.message, { cause: error })
      : new GatewayError("retryable", PROVIDER, "network", transport.message, { cause: error });
  }
  const name = (error as { name?: string } | undefined)?.name;
  if (name === "ArgumentsValidationError") {
    return new GatewayError("permanent", PROVIDER, "invalid_request", String(error), {
      cause: error,
    });
  }
  // PayPal answered something the SDK could not read (ResponseValidationError) or the SDK
  // failed in an unknown way: the call may have taken effect.
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError("indeterminate", PROVIDER, "unexpected_response", message, {
    cause: error,
  });
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers?.[key];
}
