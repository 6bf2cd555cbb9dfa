import type { Db } from "@mentora/db";
import {
  type AppTelemetry,
  createAppMetrics,
  createFailureAlerter,
  createMetrics,
  createPaymentMetrics,
  type FailureAlert,
  postAlertWebhook,
} from "@mentora/telemetry";
import type { Pool } from "pg";
import type { PgBoss } from "pg-boss";
import type { Config } from "../config/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { enqueue } from "../jobs/define.ts";
import type { Logger } from "../logger/index.ts";
import { collectPayoutMetrics, collectPoolMetrics, collectQueueMetrics } from "./collectors.ts";

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
  /** The process's pg pools by name ("app", "boss"): their usage is exported. */
  pools: Readonly<Record<string, Pool>>;
  fetch?: typeof fetch;
}): AppTelemetry {
  const metrics = createMetrics({
    defaultMetrics: true,
    onCollectError: (error) => deps.logger.warn({ err: error }, "metrics collection failed"),
  });
  // Queue gauges read through pg-boss's own pool: a scrape never waits behind app transactions.
  collectQueueMetrics(metrics, deps.pools.boss ?? Object.values(deps.pools)[0]!);
  collectPayoutMetrics(metrics, deps.prisma);
  // Last: the pools are read once the other collectors gave their connections back.
  collectPoolMetrics(metrics, deps.pools);
  const notify = async (alert: FailureAlert) => {
    deps.logger.error({ alert }, "failure alert");
    const admins = await deps.prisma.user.findMany({
      where: { role: "ADMIN" },
      select: { email: true },
    });
    for (const admin of admins) {
      const text = `${alert.message}\n\nSee the admin pages (webhook events, payments) for details.`;
      await enqueue(deps.boss, sendEmailQueue, {
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
    ...createAppMetrics(metrics),
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
