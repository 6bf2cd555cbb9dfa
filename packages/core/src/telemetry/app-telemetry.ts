import type { Db } from "@mentora/db";
import type { PgBoss } from "pg-boss";
import type { Config } from "../config/index.ts";
import { sendEmailJob } from "../email/send-email.job.ts";
import { enqueue } from "../jobs/define.ts";
import type { Logger } from "../logger/index.ts";
import { createFailureAlerter, type FailureAlert, postAlertWebhook } from "./alerts.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { createPaymentMetrics, type PaymentMetrics } from "./payment-metrics.ts";

/** One process's telemetry: its metrics (served at /metrics) and its failure alerts (counted in
 * Postgres, shared with the other processes). */
export interface AppTelemetry {
  metrics: Metrics;
  payments: PaymentMetrics;
  /** Counts one failure under `key` ("webhook:stripe"); crossing the threshold alerts. */
  recordFailure(key: string): void;
}

const ALERT_COOLDOWN_MS = 60 * 60_000;

/**
 * The alert goes to every admin by email (through the email job, so a slow SMTP server never
 * blocks the failing path) and, when ALERT_WEBHOOK_URL is set, as a JSON POST.
 */
export function createAppTelemetry(deps: {
  config: Config;
  logger: Logger;
  prisma: Db;
  boss: PgBoss;
  fetch?: typeof fetch;
}): AppTelemetry {
  const metrics = createMetrics();
  const notify = async (alert: FailureAlert) => {
    deps.logger.error({ alert }, "failure alert");
    const admins = await deps.prisma.user.findMany({
      where: { role: "ADMIN" },
      select: { email: true },
    });
    for (const admin of admins) {
      const text = `${alert.message}\n\nSee the admin pages (webhook events, payments) for details.`;
      await enqueue(deps.boss, sendEmailJob, {
        to: admin.email,
        subject: `[Mentora alert] ${alert.message}`,
        text,
        html: `<p>${escapeHtml(alert.message)}</p><p>See the admin pages (webhook events, payments) for details.</p>`,
      });
    }
    if (deps.config.alerts.webhookUrl) {
      await postAlertWebhook(deps.config.alerts.webhookUrl, alert, {
        timeoutMs: 10_000,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
    }
  };
  const alerter = createFailureAlerter({
    db: deps.prisma,
    threshold: deps.config.alerts.threshold,
    windowMs: deps.config.alerts.windowMs,
    cooldownMs: ALERT_COOLDOWN_MS,
    notify,
    logger: deps.logger,
  });
  return {
    metrics,
    payments: createPaymentMetrics(metrics),
    recordFailure(key) {
      void alerter.record(key);
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
