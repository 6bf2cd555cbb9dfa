/**
 * The production entry point, and the container's command:
 *   node scripts/start.ts migrate   apply pending migrations (advisory-locked), then exit
 *   node scripts/start.ts web       the built web portal (PORT)
 *   node scripts/start.ts worker    the background worker
 *   node scripts/start.ts all       migrate, then web and worker together (`pnpm start`)
 * NODE_ENV unset means production. web, worker and all check the whole configuration first and
 * stop with one message naming every missing or invalid variable; nothing starts half set up.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfigOrExit } from "@mentora/core/config";
import { createLogger } from "@mentora/core/logger";
import { createPrismaClient } from "@mentora/db";
import { applyMigrations } from "@mentora/db/migrations";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const webDir = path.join(root, "apps/web");

/**
 * OpenTelemetry's preload: it instruments http and pg before they load, and loads nothing
 * unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
const tracing = ["--import", "@mentora/telemetry/tracing-preload"];
/** The web server's command line (node arguments, run in apps/web): the production server. */
const webServer = () => [...tracing, "server.ts"];
const workerMain = path.join(root, "apps/worker/src/main.ts");

const roles = ["migrate", "web", "worker", "all"] as const;
type Role = (typeof roles)[number];
const usage = `usage: node scripts/start.ts ${roles.join(" | ")}`;

// Said once here so every child (the web server, React, express, the worker) agrees.
process.env.NODE_ENV ??= "production";
// Node's compile cache from each child's first line: server.ts and the worker enable it in code,
// but only after their entry file and static imports are loaded (and their TypeScript stripped)
// (decision 066). The directory module.enableCompileCache() defaults to.
if (!process.env.NODE_DISABLE_COMPILE_CACHE) {
  process.env.NODE_COMPILE_CACHE ??= path.join(os.tmpdir(), "node-compile-cache");
}
// A malformed LOG_LEVEL is reported by the configuration check, not by pino throwing here.
const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const logLevel = levels.includes(process.env.LOG_LEVEL ?? "") ? process.env.LOG_LEVEL : "info";
const logger = createLogger({ level: logLevel ?? "info", name: "start" });

async function migrate(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    // Never the embedded development database here: production migrates what it will use.
    process.stderr.write("DATABASE_URL is missing: set it to the database to migrate.\n");
    process.exit(1);
  }
  const applied = await applyMigrations({ databaseUrl });
  logger.info({ applied }, applied.length ? "migrations applied" : "no pending migrations");
  // The activity feeds' table was just created: fill it from what happened before (decision
  // 037). Once, by the run that applied it; `pnpm mentora activity:backfill` does it by hand.
  if (applied.some((name) => name.endsWith("_activity_feed"))) {
    const { backfillActivity } = await import("@mentora/core");
    const prisma = createPrismaClient({ connectionString: databaseUrl });
    try {
      const { written } = await backfillActivity(prisma);
      logger.info({ written }, "activity feeds backfilled");
    } finally {
      await prisma.$disconnect();
    }
  }
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** Runs `node <args>` with our stdio; resolves with how it ended. */
function runChild(name: string, args: string[], cwd: string) {
  const child = spawn(process.execPath, args, { cwd, env: process.env, stdio: "inherit" });
  const done = new Promise<Exit>((resolve) => {
    child.once("error", (error) => {
      logger.error({ err: error, process: name }, "could not start");
      resolve({ code: 1, signal: null });
    });
    child.once("exit", (code, signal) => {
      logger.info({ process: name, code, signal }, "exited");
      resolve({ code, signal });
    });
  });
  return { child, done };
}

/**
 * Runs the children until one ends. Asked to stop (SIGTERM/SIGINT): passes the signal on and
 * exits 0 if each child stopped cleanly or by that signal. A child ending on its own (a crash)
 * stops the others and exits non-zero: the platform restarts the container.
 */
async function supervise(children: { name: string; args: string[]; cwd: string }[]) {
  const running = children.map((spec) => runChild(spec.name, spec.args, spec.cwd));
  let asked: NodeJS.Signals | undefined;
  const stopAll = (signal: NodeJS.Signals) => {
    for (const { child } of running) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    }
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      asked ??= signal;
      stopAll(signal);
    });
  }
  await Promise.race(running.map(({ done }) => done));
  const crashed = asked === undefined;
  stopAll("SIGTERM");
  const exits = await Promise.all(running.map(({ done }) => done));
  const clean = exits.every((exit) => exit.code === 0 || (exit.signal !== null && !crashed));
  process.exitCode = !crashed && clean ? 0 : 1;
}

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const [role, ...extra] = positionals;
  if (!roles.includes(role as Role) || extra.length > 0) {
    process.stderr.write(`${usage}\n`);
    process.exit(2);
  }
  if (role === "migrate") return migrate();

  loadConfigOrExit();
  if (
    (role === "web" || role === "all") &&
    !existsSync(path.join(webDir, "build/server/index.js"))
  ) {
    process.stderr.write("No web build at apps/web/build: run `pnpm build` first.\n");
    process.exit(1);
  }
  if (role === "all") await migrate();
  const web = { name: "web", args: webServer(), cwd: webDir };
  const worker = { name: "worker", args: [...tracing, workerMain], cwd: root };
  await supervise(role === "web" ? [web] : role === "worker" ? [worker] : [web, worker]);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "start failed");
  process.exitCode = 1;
});
