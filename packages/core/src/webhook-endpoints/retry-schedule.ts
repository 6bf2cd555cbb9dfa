/**
 * When each attempt after a failure runs, counted from the failure: 8 attempts in all over about
 * 26 hours (1 min, 5 min, 30 min, 2 h, 5 h, 8 h, 10 h), then the delivery is FAILED.
 */
export const retryDelaysMs = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  8 * 3_600_000,
  10 * 3_600_000,
] as const;

export const maxAttempts = retryDelaysMs.length + 1;

/** The delay before attempt `attempt + 1`, or null when `attempt` was the last. */
export function delayAfterAttempt(attempt: number): number | null {
  return retryDelaysMs[attempt - 1] ?? null;
}
