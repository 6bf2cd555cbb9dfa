import { PayPalTransportError } from "./paypal-errors.ts";

/** Error codes of a connection that never got established: nothing reached PayPal. */
const notSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

const nullBodyStatuses = new Set([101, 204, 205, 304]);

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

function classify(error: unknown, timeoutMs: number): PayPalTransportError {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === "TimeoutError") {
    return new PayPalTransportError(true, `No answer from PayPal within ${timeoutMs} ms`, {
      cause: error,
    });
  }
  const code = errorCode(error);
  const sent = !(code && notSentCodes.has(code));
  const message = error instanceof Error ? error.message : String(error);
  return new PayPalTransportError(sent, `PayPal unreachable: ${code ?? message}`, {
    cause: error,
  });
}

export interface PayPalFetchOptions {
  /** Replaces scheme, host and port of every PayPal URL (a local fake); undefined = PayPal. */
  baseUrl?: string;
  timeoutMs: number;
}

/**
 * The fetch every PayPal call goes through, the SDK's included (its environments are fixed to
 * PayPal's hosts): rewrites the host when baseUrl is set, bounds the whole exchange, body
 * included, with AbortSignal.timeout, and throws PayPalTransportError saying whether the
 * request may have reached PayPal.
 */
export function createPayPalFetch({ baseUrl, timeoutMs }: PayPalFetchOptions): typeof fetch {
  const base = baseUrl ? new URL(baseUrl) : undefined;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (base) {
      url.protocol = base.protocol;
      url.host = base.host;
    }
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const body = hasBody ? await request.arrayBuffer() : undefined;
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: request.headers,
        body,
        signal,
        redirect: "manual",
      });
      // Read the body here, so a timeout while it streams is classified too.
      const bytes = await response.arrayBuffer();
      return new Response(nullBodyStatuses.has(response.status) ? null : bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      throw classify(error, timeoutMs);
    }
  };
}
