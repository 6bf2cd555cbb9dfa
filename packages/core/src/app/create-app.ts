import { createPool, createPrismaClient } from "@mentora/db";
import { PgBoss } from "pg-boss";
import { createAuth } from "../auth/index.ts";
import type { Config } from "../config/index.ts";
import { createEmailTransport } from "../email/index.ts";
import { sendEmailJob } from "../email/send-email.job.ts";
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
 * Builds the services one process shares. One pg.Pool serves both Prisma and pg-boss, so a job
 * can be enqueued in the same transaction as the change it follows.
 */
export async function createApp(options: CreateAppOptions): Promise<App> {
  const { config, databaseUrl, role } = options;
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, name: role });
  const pool = createPool(databaseUrl);
  const prisma = createPrismaClient({ pool });
  const boss = new PgBoss({
    db: { executeSql: (text, values) => pool.query(text, values) },
    supervise: role === "worker",
    schedule: role === "worker",
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  await boss.start();
  await createQueues(boss);

  const email = createEmailTransport({ config, prisma });
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
    close() {
      closing ??= (async () => {
        await boss.stop({ graceful: true, close: false });
        await email.close?.();
        await prisma.$disconnect();
        await pool.end();
      })();
      return closing;
    },
  };
}
