import type { Db } from "@mentora/db";

export interface FailureAlert {
  key: string;
  /** Failures for `key` within the window when the alert fired. */
  count: number;
  windowMs: number;
  message: string;
}

export interface FailureAlerterOptions {
  /** Where failures are counted: every web and worker process shares one window per key. */
  db: Db;
  /** Failures within the window that fire an alert (>= 1). */
  threshold: number;
  windowMs: number;
  /** After an alert for a key, no other alert for that key until this much time has passed. */
  cooldownMs: number;
  now?: () => number;
  /** Delivers the alert (chat webhook, email to admins...). Errors are logged, never rethrown. */
  notify: (alert: FailureAlert) => Promise<void>;
  /** Where counting and notification failures go (a pino logger fits). */
  logger: { error(fields: object, message: string): void };
}

export interface FailureAlerter {
  /**
   * Counts one failure for `key`. The promise settles once any notification this failure
   * fired has finished, and never rejects: callers on a hot path may leave it unawaited.
   */
  record(key: string): Promise<void>;
}

/**
 * A sliding-window failure counter kept in Postgres (failure_event), so the threshold counts the
 * failures of every process. Each failure is counted in one transaction holding the key's
 * failure_alert_state row (FOR UPDATE): two processes crossing the threshold together are
 * serialized, the second sees the first's lastAlertAt, and only one alert goes out per cooldown.
 */
export function createFailureAlerter(options: FailureAlerterOptions): FailureAlerter {
  const { db, threshold, windowMs, cooldownMs, notify, logger } = options;
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

  /** Counts the failure; returns the alert to send when this failure fires one. */
  async function count(key: string, at: Date): Promise<FailureAlert | null> {
    const cutoff = new Date(at.getTime() - windowMs);
    return db.$transaction(async (tx) => {
      // ON CONFLICT: two processes meeting a new key together both get past this line.
      await tx.$executeRaw`
        INSERT INTO failure_alert_state (key) VALUES (${key}) ON CONFLICT (key) DO NOTHING`;
      const [state] = await tx.$queryRaw<{ lastAlertAt: Date | null }[]>`
        SELECT "lastAlertAt" FROM failure_alert_state WHERE key = ${key} FOR UPDATE`;
      await tx.failureEvent.create({ data: { key, occurredAt: at } });
      // Failures that left the window no longer count for anyone: forget them.
      await tx.failureEvent.deleteMany({ where: { key, occurredAt: { lte: cutoff } } });
      const count = await tx.failureEvent.count({ where: { key, occurredAt: { gt: cutoff } } });
      if (count < threshold) return null;
      const last = state?.lastAlertAt;
      if (last && at.getTime() - last.getTime() < cooldownMs) return null;
      // Stored before notifying, so failures arriving while notify runs do not alert again.
      await tx.failureAlertState.update({ where: { key }, data: { lastAlertAt: at } });
      return {
        key,
        count,
        windowMs,
        message: `${count} failures for ${key} within ${formatDuration(windowMs)}`,
      };
    });
  }

  return {
    async record(key) {
      let alert: FailureAlert | null;
      try {
        alert = await count(key, new Date(now()));
      } catch (error) {
        logger.error({ err: error, key }, "failure alert: counting the failure failed");
        return;
      }
      if (!alert) return;
      try {
        await notify(alert);
      } catch (error) {
        logger.error(
          { err: error, alert: { key, count: alert.count, windowMs } },
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
