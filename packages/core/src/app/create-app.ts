import { createPool, createPrismaClient, type Pool } from "@mentora/db";
import { createEmailTransport } from "@mentora/email";
import { createFileStorage } from "@mentora/files";
import type { OutgoingWebhook } from "@mentora/payment-gateway";
import { PgBoss } from "pg-boss";
import { createAuth } from "../auth/index.ts";
import type { Config } from "../config/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { createInvoiceRenderer } from "../invoices/index.ts";
import { createQueues, enqueue, retireQueues } from "../jobs/index.ts";
import { createLogger, type Logger } from "../logger/index.ts";
import { type AiProviders, aiProvidersFor } from "../moderation/index.ts";
import { createPgKeyValueStore, loadGatewayRegistry } from "../payments/index.ts";
import { createRateLimits } from "../rate-limits/index.ts";
import { createRealtimeHub } from "../realtime/index.ts";
import { createAppTelemetry } from "../telemetry/index.ts";
import { createVideoProvider } from "../video/index.ts";
import { jobQueues, retiredQueues } from "./job-queues.ts";
import { createAppEventRouting } from "./subscriptions.ts";
import type { AppServices } from "./types.ts";

export interface App extends AppServices {
  close(): Promise<void>;
}

export interface CreateAppOptions {
  config: Config;
  /** The database to use (DATABASE_URL, or the embedded one the launcher started). */
  databaseUrl: string;
  /** "worker" also runs pg-boss maintenance and cron; web processes only send jobs. */
  role: "web" | "worker";
  logger?: Logger;
  /**
   * Loads a payment adapter package by name: pass `(name) => import(name)` written in the app's
   * own module, so adapters resolve from the app's dependencies (core depends on none).
   */
  importPackage: (name: string) => Promise<unknown>;
  /** Where adapters read their variables; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * How an in-app provider (the sandbox) sends its webhooks to our edge (tests capture them);
   * default an HTTP POST.
   */
  deliverGatewayWebhook?: (webhook: OutgoingWebhook) => Promise<void>;
  /** The AI providers; default those AI_PROVIDER names (tests pass doubles). */
  ai?: AiProviders;
}

/**
 * Builds the services one process shares. A job is enqueued in the same transaction as the
 * change it follows by passing `fromPrisma(tx)` to pg-boss.
 */
export async function createApp(options: CreateAppOptions): Promise<App> {
  const { config, databaseUrl, role } = options;
  const logger = options.logger ?? createLogger({ level: config.app.logLevel, name: role });
  // The start's timeline (ms since the process began), logged at debug level once started.
  const timeline: Record<string, number> = { begin: Math.round(performance.now()) };
  const mark = (phase: string) => {
    timeline[phase] = Math.round(performance.now());
  };
  // Every connection of this process: a runaway statement is cancelled by Postgres, a database
  // that does not answer fails the query instead of hanging, and a dropped idle connection is
  // logged (pg-pool has already replaced it).
  const poolOptions = {
    statement_timeout: config.database.statementTimeoutMs ?? (role === "worker" ? 60_000 : 15_000),
    connectionTimeoutMillis: config.database.connectTimeoutMs,
    // The message and code only: pg hangs the whole client (with its config) on the error.
    onIdleClientError: (error: Error & { code?: string }) =>
      logger.error(
        { err: { message: error.message, code: error.code } },
        "idle database connection failed",
      ),
  };
  const pool = createPool(databaseUrl, { ...poolOptions, max: config.database.poolMax });
  // pg-boss gets its own small pool: it looks queues up outside the caller's transaction, and
  // on a shared pool a burst of transactions holding every connection would starve it (a
  // deadlock until timeouts). Jobs sent with fromPrisma(tx) still ride the transaction.
  const bossPool = createPool(databaseUrl, { ...poolOptions, max: 4 });
  const boss = new PgBoss({
    db: { executeSql: (text, values) => bossPool.query(text, values) },
    supervise: role === "worker",
    schedule: role === "worker",
    // The worker's ready counts, which start a burst on batchSize-1 queues, this fresh (default 60 s).
    ...(role === "worker" ? { queueCacheIntervalSeconds: 5 } : {}),
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  // pg-boss's start (its connection, schema check and queue list) is round trips to Postgres:
  // it runs while this thread loads the gateways and builds the rest, instead of after them
  // (decision 066). Nothing below sends a job before it is awaited.
  const bossReady = (async () => {
    await boss.start();
    mark("bossStarted");
    const updatedQueues = await createQueues(boss, jobQueues);
    mark("queues");
    if (updatedQueues.length > 0) logger.info({ queues: updatedQueues }, "queue options updated");
    const removedQueues = await retireQueues(boss, retiredQueues);
    if (removedQueues.length > 0) logger.info({ queues: removedQueues }, "retired queues removed");
  })();
  // Awaited below; until then a failure must not surface as an unhandled rejection.
  bossReady.catch(() => undefined);
  // What a failed start has opened, closed in reverse: the web process retries on its next
  // request, and each try would otherwise leak pools and clients.
  const opened: Array<() => unknown> = [
    () => bossPool.end(),
    () => pool.end(),
    () => boss.stop({ graceful: false, close: false }),
  ];
  let prismaReady: Promise<void> = Promise.resolve();
  try {
    // A misconfigured adapter fails the start.
    const gateways = await loadGatewayRegistry({
      packages: config.payments.gatewayPackages,
      env: { ...(options.env ?? process.env), PUBLIC_URL: config.app.publicUrl },
      timeoutMs: config.payments.timeoutMs,
      routing: config.payments.routing,
      runtime: {
        // Lazy: the store's client is created just below, before any gateway call can happen.
        stateFor: (gatewayId) => createPgKeyValueStore(() => prisma, gatewayId),
        logger,
        ...(options.deliverGatewayWebhook ? { deliverWebhook: options.deliverGatewayWebhook } : {}),
      },
      production: config.app.env === "production",
      importPackage: options.importPackage,
    });
    mark("gateways");
    const prisma = createPrismaClient({ pool });
    opened.push(() => prisma.$disconnect());
    // Builds Prisma's query compiler (a WebAssembly module) now rather than on the first query.
    prismaReady = prisma.$connect().then(() => mark("prismaConnected"));
    prismaReady.catch(() => undefined);
    const telemetry = createAppTelemetry({
      config,
      logger,
      prisma,
      boss,
      pools: { app: pool, boss: bossPool },
    });

    const email = createEmailTransport({ config, prisma });
    opened.push(() => email.close?.());
    const files = createFileStorage(config.fileStorage);
    opened.push(() => files.close?.());
    const video = createVideoProvider(config, () => prisma);
    const rateLimits = createRateLimits({ pool, policies: config.rateLimits });
    const auth = createAuth({
      config,
      prisma,
      logger,
      rateLimits,
      sendEmail: async (message) => {
        await enqueue(boss, sendEmailQueue, message);
      },
    });

    // The LISTEN connection opens with the first stream: workers and scripts never hold one.
    const realtime = createRealtimeHub({
      listenUrl: config.realtime.listenUrl ?? databaseUrl,
      logger,
      maxStreamsPerUser: config.realtime.maxStreamsPerUser,
    });
    opened.push(() => realtime.close());

    const invoiceRenderer = createInvoiceRenderer({ threads: config.invoices.renderThreads });
    opened.push(() => invoiceRenderer.close());
    mark("built");
    await Promise.all([bossReady, prismaReady]);
    mark("ready");
    logger.debug({ timeline }, "services started");
    return appOf({
      config,
      logger,
      pool,
      bossPool,
      prisma,
      boss,
      email,
      auth,
      files,
      gateways,
      telemetry,
      video,
      rateLimits,
      events: createAppEventRouting(),
      ai: options.ai ?? aiProvidersFor(config, logger),
      realtime,
      invoiceRenderer,
    });
  } catch (error) {
    await Promise.allSettled([bossReady, prismaReady]);
    for (const close of opened.reverse()) {
      try {
        await close();
      } catch {
        // The start's own error is the one to report.
      }
    }
    throw error;
  }
}

/** The services with their close(), which drains in dependency order. */
function appOf(services: AppServices & { bossPool: Pool }): App {
  const { bossPool, ...shared } = services;
  const { realtime, boss, invoiceRenderer, email, files, prisma, pool } = shared;
  let closing: Promise<void> | undefined;
  return {
    ...shared,
    close() {
      closing ??= (async () => {
        await realtime.close();
        await boss.stop({ graceful: true, close: false });
        await invoiceRenderer.close();
        await email.close?.();
        await files.close?.();
        await prisma.$disconnect();
        await pool.end();
        await bossPool.end();
      })();
      return closing;
    },
  };
}
