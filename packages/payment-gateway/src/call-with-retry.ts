import { GatewayError } from "./errors.ts";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 };

/**
 * Runs a provider call, retrying only retryable GatewayErrors with exponential backoff and
 * jitter. Permanent and indeterminate errors surface at once: an indeterminate outcome must be
 * reconciled by asking the provider, never by blindly sending again without the same key.
 */
export async function callWithRetry<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call(attempt);
    } catch (error) {
      const retryable = error instanceof GatewayError && error.kind === "retryable";
      if (!retryable || attempt >= policy.attempts) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(backoff / 2 + Math.random() * (backoff / 2));
    }
  }
}
