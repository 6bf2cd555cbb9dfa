import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { createPool } from "@mentora/db";
import { freePort, type Managed, spawnNode, waitForHealthy } from "./processes.ts";

const webDir = path.resolve(import.meta.dirname, "..");
const repoDir = path.resolve(webDir, "../..");
const serverBuild = path.join(webDir, "build/server/index.js");

/** What @mentora/db's globalSetup (listed before ours) provides. */
export interface DbRun {
  mentoraDbAdminUrl?: string;
  mentoraTemplateDb?: string;
  mentoraDbRunPrefix?: string;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A database of its own, cloned from the db harness's migrated template. */
export async function cloneTemplate(run: DbRun, label = "web"): Promise<string> {
  const { mentoraDbAdminUrl: adminUrl, mentoraTemplateDb: template } = run;
  if (!adminUrl || !template) {
    throw new Error(
      "The e2e setup needs @mentora/db's globalSetup to run first (globalSetupPath in apps/web/vitest.config.ts).",
    );
  }
  const name = `${run.mentoraDbRunPrefix ?? "mentora_test"}_${label}_${randomBytes(4).toString("hex")}`;
  const pool = createPool(adminUrl, { max: 1 });
  try {
    await pool.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
  } finally {
    await pool.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface ServerPair {
  baseUrl: string;
  /** The web server's process id (e.g. to read its memory from /proc). */
  webPid: number;
  /** The web server's exit code, once it has exited (null: killed by a signal). */
  webExited: Promise<number | null>;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The BUILT web server (apps/web/server.ts) and the worker on a database of their own, with the test
 * environment plus `env` (e.g. another payment gateway). Stop: SIGTERM, then SIGKILL after 10 s.
 */
export async function startServerPair(
  run: DbRun,
  options: {
    label?: string;
    env?: Record<string, string>;
    /** Another web process on this database (no clone), e.g. to test what processes share. */
    databaseUrl?: string;
    /** Start the worker too (default true; a second web process on a database needs none). */
    worker?: boolean;
  } = {},
): Promise<ServerPair> {
  if (!existsSync(serverBuild)) {
    throw new Error(
      `No server build at ${serverBuild}: run \`pnpm --filter @mentora/web build\` first (\`pnpm test\` does).`,
    );
  }
  const databaseUrl = options.databaseUrl ?? (await cloneTemplate(run, options.label));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    LOG_LEVEL: "warn",
    // The dev outbox, not a real SMTP server; no Google sign-in; no other trusted origins.
    SMTP_URL: "",
    GOOGLE_CLIENT_ID: "",
    GOOGLE_CLIENT_SECRET: "",
    TRUSTED_ORIGINS: "",
    // Every test request comes from this machine's address: the per-IP and per-user limits are
    // raised for the suites (the rate-limit tests set their own).
    RATE_LIMITS:
      "sign-in-ip=100000,sign-up-ip=100000,password-reset-ip=100000,verification-email-ip=100000,mutation=100000,booking-hold=100000,invitation-send=100000,webhook-ip=100000,video-callback-ip=100000",
    ...options.env,
  };
  const web = spawnNode("web", ["server.ts"], { cwd: webDir, env });
  const processes: Managed[] = [
    web,
    ...(options.worker === false
      ? []
      : [spawnNode("worker", ["apps/worker/src/main.ts"], { cwd: repoDir, env })]),
  ];
  const stop = async () => {
    await Promise.all(processes.map((managed) => managed.stop()));
  };
  try {
    await waitForHealthy(`${baseUrl}/healthz`, processes);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, webPid: web.child.pid ?? 0, webExited: web.exited, databaseUrl, stop };
}
