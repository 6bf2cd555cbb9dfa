import { callWithRetry, type RetryPolicy } from "@mentora/payment-gateway";
import type { PayPalApi, PayPalResponse } from "./paypal-api.ts";
import { httpStatusError } from "./paypal-errors.ts";

export interface PayPalCalls {
  api: PayPalApi;
  /** An SDK call, retried on retryable errors; the request (and its PayPal-Request-Id) is rebuilt identically. */
  withRetry<T>(operation: () => Promise<T>): Promise<T>;
  /**
   * A plain JSON call, retried likewise. Non-2xx answers throw mapped, except those `keep`
   * accepts, which are returned for the caller to read.
   */
  sendWithRetry(
    method: "GET" | "POST",
    path: string,
    options?: { body?: string; headers?: Record<string, string> },
    keep?: (response: PayPalResponse) => boolean,
  ): Promise<PayPalResponse>;
}

export function createPayPalCalls(api: PayPalApi, policy?: RetryPolicy): PayPalCalls {
  return {
    api,
    withRetry: (operation) => callWithRetry(() => api.call(operation), policy),
    sendWithRetry: (method, path, options, keep) =>
      callWithRetry(async () => {
        const response = await api.send(method, path, options);
        const ok = response.status >= 200 && response.status < 300;
        if (ok || keep?.(response)) return response;
        throw httpStatusError(response.status, response.body);
      }, policy),
  };
}
