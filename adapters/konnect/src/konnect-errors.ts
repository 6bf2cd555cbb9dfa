import { GatewayError, parseRetryAfter } from "@mentora/payment-gateway";

const provider = "konnect";

/** Our stable codes for Konnect's 4xx answers; the status decides, not Konnect's wording. */
const permanentCodes: Readonly<Record<number, string>> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  422: "invalid_request",
};

/** Errors raised before any byte left: the request cannot have reached Konnect. */
const notSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH"]);

export function errorFromStatus(
  status: number,
  detail: string,
  retryAfter?: string | null,
): GatewayError {
  const message = `Konnect answered ${status}${detail ? `: ${detail}` : ""}`;
  const retryAfterMs = parseRetryAfter(retryAfter);
  if (status === 429) {
    return new GatewayError("retryable", provider, "rate_limited", message, { retryAfterMs });
  }
  if (status >= 500) {
    return new GatewayError("retryable", provider, "provider_unavailable", message, {
      retryAfterMs,
    });
  }
  const code = permanentCodes[status] ?? `http_${status}`;
  return new GatewayError("permanent", provider, code, message);
}

/**
 * A fetch that threw. A timeout or a connection cut after sending is indeterminate (Konnect
 * may have acted); a refused connection or unknown host is retryable (nothing was sent).
 */
export function errorFromFailure(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new GatewayError(
      "indeterminate",
      provider,
      "timeout",
      "Konnect did not answer in time",
      {
        cause: error,
      },
    );
  }
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof code === "string" && notSentCodes.has(code)) {
    return new GatewayError(
      "retryable",
      provider,
      "network_unreachable",
      `Konnect unreachable (${code})`,
      {
        cause: error,
      },
    );
  }
  return new GatewayError(
    "indeterminate",
    provider,
    "network_interrupted",
    "Konnect connection failed",
    {
      cause: error,
    },
  );
}

export function invalidResponse(what: string): GatewayError {
  return new GatewayError("permanent", provider, "invalid_response", `Konnect sent ${what}`);
}

export function notSupported(operation: string): GatewayError {
  return new GatewayError(
    "permanent",
    provider,
    "not_supported",
    `Konnect has no ${operation} API`,
  );
}
