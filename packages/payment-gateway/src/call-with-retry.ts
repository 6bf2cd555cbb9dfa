import { GatewayError } from "./errors.ts";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The longest Retry-After we wait for. A provider asking for more is not retried here (the
   * caller's own, slower retry takes over: a job's backoff, the user's next click).
   */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 2000,
  maxRetryAfterMs: 5000,
};

/**
 * THE retry layer for provider calls (adapters make one attempt per call): retries only
 * retryable GatewayErrors, with exponential backoff and jitter, never sooner than the
 * provider's Retry-After. Permanent and indeterminate errors surface at once: an indeterminate
 * outcome must be reconciled by asking the provider, never by blindly sending again.
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
      const asked = error.retryAfterMs;
      if (asked !== undefined && asked > policy.maxRetryAfterMs) throw error;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const jittered = backoff / 2 + Math.random() * (backoff / 2);
      await sleep(Math.max(jittered, asked ?? 0));
    }
  }
}
