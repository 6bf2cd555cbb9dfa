import { createPool, createPrismaClient } from "@mentora/db";
import { PgBoss } from "pg-boss";
import { createAuth } from "../auth/index.ts";
import type { Config } from "../config/index.ts";
import { createEmailTransport } from "../email/index.ts";
import { sendEmailJob } from "../email/send-email.job.ts";
import { createFileStorage } from "../files/create-file-storage.ts";
import { createQueues, enqueue } from "../jobs/index.ts";
import { createLogger, type Logger } from "../logger/index.ts";
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
}

/**
 * Builds the services one process shares. A job is enqueued in the same transaction as the
 * change it follows by passing `fromPrisma(tx)` to pg-boss.
 */
export async function createApp(options: CreateAppOptions): Promise<App> {
  const { config, databaseUrl, role } = options;
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, name: role });
  const pool = createPool(databaseUrl);
  const prisma = createPrismaClient({ pool });
  // pg-boss gets its own small pool: it looks queues up outside the caller's transaction, and
  // on a shared pool a burst of transactions holding every connection would starve it (a
  // deadlock until timeouts). Jobs sent with fromPrisma(tx) still ride the transaction.
  const bossPool = createPool(databaseUrl, { max: 4 });
  const boss = new PgBoss({
    db: { executeSql: (text, values) => bossPool.query(text, values) },
    supervise: role === "worker",
    schedule: role === "worker",
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  await boss.start();
  await createQueues(boss);

  const email = createEmailTransport({ config, prisma });
  const files = createFileStorage(config.fileStorage);
  const auth = createAuth({
    config,
    prisma,
    logger,
    sendEmail: async (message) => {
      await enqueue(boss, sendEmailJob, message);
    },
  });

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    pool,
    prisma,
    boss,
    email,
    auth,
    files,
    close() {
      closing ??= (async () => {
        await boss.stop({ graceful: true, close: false });
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
