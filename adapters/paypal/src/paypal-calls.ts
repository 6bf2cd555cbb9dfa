import type { PayPalApi, PayPalResponse } from "./paypal-api.ts";
import { httpStatusError } from "./paypal-errors.ts";

/** One attempt per call: retrying is core's job (callWithRetry), never the adapter's. */
export interface PayPalCalls {
  api: PayPalApi;
  /** An SDK call; its failure mapped to a GatewayError. */
  callOnce<T>(operation: () => Promise<T>): Promise<T>;
  /**
   * A plain JSON call. Non-2xx answers throw mapped, except those `keep` accepts, which are
   * returned for the caller to read.
   */
  sendOnce(
    method: "GET" | "POST",
    path: string,
    options?: { body?: string; headers?: Record<string, string> },
    keep?: (response: PayPalResponse) => boolean,
  ): Promise<PayPalResponse>;
}

export function createPayPalCalls(api: PayPalApi): PayPalCalls {
  return {
    api,
    callOnce: (operation) => api.call(operation),
    async sendOnce(method, path, options, keep) {
      const response = await api.send(method, path, options);
      const ok = response.status >= 200 && response.status < 300;
      if (ok || keep?.(response)) return response;
      throw httpStatusError(response.status, response.body, response.retryAfter);
    },
  };
}
