/**
 * Operator commands: `pnpm mentora <command>`.
 *   admin:create --email <address> [--name <name>]
 *     Creates an admin, or promotes an existing account, and prints a one-time link (valid one
 *     hour) to set its password. The way to make the first admin of a production install.
 *   activity:backfill
 *     Fills the activity feeds from what happened before they existed (decision 037). Idempotent:
 *     safe to stop and run again; a second run writes nothing.
 * Production by default, like every entry point: it checks the whole configuration first.
 */
import { parseArgs } from "node:util";
import { backfillActivity, createRateLimits } from "@mentora/core";
import { createAdminSetupLink, createAuth } from "@mentora/core/auth";
import { loadConfigOrExit } from "@mentora/core/config";
import { createLogger } from "@mentora/core/logger";
import { createPool, createPrismaClient } from "@mentora/db";
import { resolveDatabase } from "@mentora/db/embedded";

const usage =
  "usage: pnpm mentora admin:create --email <address> [--name <name>]\n       pnpm mentora activity:backfill";

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function adminCreate(options: { email?: string; name?: string }) {
  if (!options.email) fail(`--email is required\n${usage}`, 2);

  const config = loadConfigOrExit();
  // Development without DATABASE_URL uses the embedded database, as `pnpm dev` does.
  if (!config.database.url && config.app.env === "production") fail("DATABASE_URL is missing");
  const database = config.database.url
    ? { url: config.database.url, stop: async () => {} }
    : await resolveDatabase();
  const pool = createPool(database.url, { max: 2 });
  const prisma = createPrismaClient({ pool });
  const logger = createLogger({ level: config.app.logLevel, name: "mentora-cli" });
  try {
    const auth = createAuth({
      config,
      prisma,
      logger,
      rateLimits: createRateLimits({ pool, policies: config.rateLimits }),
      sendEmail: async () => {
        throw new Error("admin:create sends no email");
      },
    });
    const link = await createAdminSetupLink(
      { prisma, auth, publicUrl: config.app.publicUrl },
      { email: options.email, name: options.name },
    ).catch((error: unknown) => {
      if (error instanceof Error && error.message === "VALIDATION_FAILED") {
        fail(`--email "${options.email}" is not an email address (or --name is empty)`, 2);
      }
      throw error;
    });
    // The link is a credential: printed for the operator only, never logged.
    logger.info({ userId: link.userId, created: link.created }, "admin account ready");
    process.stdout.write(
      `${link.created ? "Created" : "Promoted"} admin ${link.email}.\n` +
        `Open this link to set the password (works once, until ${link.expiresAt.toISOString()}):\n` +
        `${link.url}\n`,
    );
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await database.stop();
  }
}

async function activityBackfill() {
  const config = loadConfigOrExit();
  if (!config.database.url && config.app.env === "production") fail("DATABASE_URL is missing");
  const database = config.database.url
    ? { url: config.database.url, stop: async () => {} }
    : await resolveDatabase();
  const pool = createPool(database.url, { max: 2 });
  const prisma = createPrismaClient({ pool });
  const logger = createLogger({ level: config.app.logLevel, name: "mentora-cli" });
  try {
    const { written } = await backfillActivity(prisma, {
      onBatch: (source, count) =>
        logger.info({ source, written: count }, "activity backfill batch"),
    });
    logger.info({ written }, "activity backfill done");
    process.stdout.write(`Activity backfill: ${written} entries written.\n`);
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await database.stop();
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean" } },
  });
  const [command, ...extra] = positionals;
  if (values.help) return void process.stdout.write(`${usage}\n`);
  if (extra.length > 0) fail(usage, 2);
  if (command === "activity:backfill") return activityBackfill();
  if (command !== "admin:create") fail(usage, 2);
  await adminCreate(values);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  fail(`error: ${message.replace(/\s*\n\s*/g, " ")}`);
});
