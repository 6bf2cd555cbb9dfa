import type { Logger } from "../logger/index.ts";

export interface FailureAlert {
  key: string;
  /** Failures for `key` within the window when the alert fired. */
  count: number;
  windowMs: number;
  message: string;
}

export interface FailureAlerterOptions {
  /** Failures within the window that fire an alert (>= 1). */
  threshold: number;
  windowMs: number;
  /** After an alert for a key, no other alert for that key until this much time has passed. */
  cooldownMs: number;
  now?: () => number;
  /** Delivers the alert (chat webhook, email to admins...). Errors are logged, never rethrown. */
  notify: (alert: FailureAlert) => Promise<void>;
  logger: Pick<Logger, "error">;
}

export interface FailureAlerter {
  /**
   * Counts one failure for `key`. The promise settles once any notification this failure
   * fired has finished, and never rejects: callers on a hot path may leave it unawaited.
   */
  record(key: string): Promise<void>;
}

interface KeyState {
  /** Failure times within the window, oldest first. */
  failures: number[];
  lastAlertAt: number | undefined;
}

export function createFailureAlerter(options: FailureAlerterOptions): FailureAlerter {
  const { threshold, windowMs, cooldownMs, notify, logger } = options;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`threshold must be an integer >= 1, got ${threshold}`);
  }
  if (!(windowMs > 0) || !Number.isFinite(windowMs)) {
    throw new RangeError(`windowMs must be a finite number > 0, got ${windowMs}`);
  }
  if (!(cooldownMs >= 0) || !Number.isFinite(cooldownMs)) {
    throw new RangeError(`cooldownMs must be a finite number >= 0, got ${cooldownMs}`);
  }

  const states = new Map<string, KeyState>();

  /** Drops failures that left the window, and forgets keys with nothing left to remember. */
  function prune(key: string, state: KeyState, at: number): void {
    const cutoff = at - windowMs;
    const firstKept = state.failures.findIndex((time) => time > cutoff);
    state.failures.splice(0, firstKept === -1 ? state.failures.length : firstKept);
    const cooling = state.lastAlertAt !== undefined && at - state.lastAlertAt < cooldownMs;
    if (state.failures.length === 0 && !cooling) states.delete(key);
  }

  return {
    async record(key) {
      const at = now();
      let state = states.get(key);
      if (state === undefined) {
        state = { failures: [], lastAlertAt: undefined };
        states.set(key, state);
      }
      state.failures.push(at);
      prune(key, state, at);

      const count = state.failures.length;
      if (count < threshold) return;
      if (state.lastAlertAt !== undefined && at - state.lastAlertAt < cooldownMs) return;
      // Set before notifying, so failures arriving while notify runs do not alert again.
      state.lastAlertAt = at;

      const alert: FailureAlert = {
        key,
        count,
        windowMs,
        message: `${count} failures for ${key} within ${formatDuration(windowMs)}`,
      };
      try {
        await notify(alert);
      } catch (error) {
        logger.error(
          { err: error, alert: { key, count, windowMs } },
          "failure alert notification failed",
        );
      }
    },
  };
}

function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

export interface PostAlertWebhookOptions {
  fetch?: typeof fetch;
  timeoutMs: number;
  /** The alert's time; defaults to now. */
  at?: Date;
}

/**
 * POSTs `{ text, key, count, windowMs, at }` as JSON (a shape chat webhooks such as Slack's
 * accept). Throws on a non-2xx answer or after `timeoutMs`. The URL is kept out of error
 * messages: chat webhook URLs are secrets.
 */
export async function postAlertWebhook(
  url: string,
  alert: FailureAlert,
  options: PostAlertWebhookOptions,
): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const body = JSON.stringify({
    text: alert.message,
    key: alert.key,
    count: alert.count,
    windowMs: alert.windowMs,
    at: (options.at ?? new Date()).toISOString(),
  });
  const signal = AbortSignal.timeout(options.timeoutMs);
  let status: number;
  let ok: boolean;
  let text: string;
  try {
    const response = await doFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal,
    });
    status = response.status;
    ok = response.ok;
    // Read the body either way: it frees the connection, and a refusal usually says why.
    text = await response.text();
  } catch (error) {
    if (signal.aborted) {
      throw new Error(`Alert webhook timed out after ${options.timeoutMs} ms`, { cause: error });
    }
    throw error;
  }
  if (!ok) {
    const detail = text.trim().slice(0, 200);
    throw new Error(`Alert webhook answered ${status}${detail === "" ? "" : `: ${detail}`}`);
  }
}
