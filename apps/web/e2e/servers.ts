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

/** The environment every test process starts with, plus `env` (which wins). */
export function testEnv(options: {
  databaseUrl: string;
  port: number;
  publicUrl: string;
  authSecret?: string;
  env?: Record<string, string> | undefined;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port),
    PUBLIC_URL: options.publicUrl,
    AUTH_SECRET: options.authSecret ?? randomBytes(32).toString("hex"),
    LOG_LEVEL: "warn",
    // The dev outbox, not a real SMTP server; no Google sign-in; no other trusted origins.
    SMTP_URL: "",
    GOOGLE_CLIENT_ID: "",
    GOOGLE_CLIENT_SECRET: "",
    TRUSTED_ORIGINS: "",
    // Every test request comes from this machine's address: the per-IP and per-user limits are
    // raised for the suites (the rate-limit tests set their own).
    RATE_LIMITS:
      "sign-in-ip=100000,sign-up-ip=100000,password-reset-ip=100000,verification-email-ip=100000,mutation=100000,booking-hold=100000,invitation-send=100000,webhook-ip=100000,video-callback-ip=100000,realtime-connect=100000,passkey-ip=100000",
    // Two test files at once start up to nine processes beside the global pair: on a loaded
    // machine a new Postgres connection can take longer than production's 5 s (decision 068).
    DATABASE_CONNECT_TIMEOUT_MS: "30000",
    ...options.env,
  };
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
  const env = testEnv({ databaseUrl, port, publicUrl: baseUrl, env: options.env });
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

/**
 * Several pairs started at the same time (e.g. a second web process on the first one's database:
 * pass the same `databaseUrl` to both); if one does not come up, the others are stopped.
 */
export async function startServerPairs(
  run: DbRun,
  pairs: NonNullable<Parameters<typeof startServerPair>[1]>[],
): Promise<ServerPair[]> {
  const started = await Promise.allSettled(pairs.map((options) => startServerPair(run, options)));
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await Promise.all(
      started.map((result) => (result.status === "fulfilled" ? result.value.stop() : undefined)),
    );
    throw failed.reason;
  }
  return started.map((result) => (result as PromiseFulfilledResult<ServerPair>).value);
}

export interface Replicas {
  /** Each web process's own address (a proxy in front of them is the public URL). */
  webUrls: string[];
  /** The workers, in the order of `workerEnvs` (e.g. to kill one with SIGKILL). */
  workers: Managed[];
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * N BUILT web servers and M workers on ONE cloned database, as a scaled-out deployment runs them:
 * one AUTH_SECRET (a session cookie from one web process is good on the other) and one
 * PUBLIC_URL (the proxy in front). `workerEnvs` gives each worker's own additions to `env`.
 */
export async function startReplicas(
  run: DbRun,
  options: {
    label?: string;
    publicUrl: string;
    webs: number;
    env?: Record<string, string>;
    workerEnvs: Record<string, string>[];
  },
): Promise<Replicas> {
  if (!existsSync(serverBuild)) {
    throw new Error(
      `No server build at ${serverBuild}: run \`pnpm --filter @mentora/web build\` first (\`pnpm test\` does).`,
    );
  }
  const databaseUrl = await cloneTemplate(run, options.label);
  const authSecret = randomBytes(32).toString("hex");
  const common = { databaseUrl, publicUrl: options.publicUrl, authSecret };
  const ports = await Promise.all(Array.from({ length: options.webs }, () => freePort()));
  const webs = ports.map((port, index) =>
    spawnNode(`web${index + 1}`, ["server.ts"], {
      cwd: webDir,
      env: testEnv({ ...common, port, env: options.env }),
    }),
  );
  const workers = options.workerEnvs.map((workerEnv, index) =>
    spawnNode(`worker${index + 1}`, ["apps/worker/src/main.ts"], {
      cwd: repoDir,
      // A worker serves no HTTP: PORT is only there for the schema.
      env: testEnv({ ...common, port: ports[0] ?? 3000, env: { ...options.env, ...workerEnv } }),
    }),
  );
  const all = [...webs, ...workers];
  const stop = async () => {
    await Promise.all(all.map((managed) => managed.stop()));
  };
  const webUrls = ports.map((port) => `http://127.0.0.1:${port}`);
  try {
    for (const url of webUrls) await waitForHealthy(`${url}/healthz`, all);
  } catch (error) {
    await stop();
    throw error;
  }
  return { webUrls, workers, databaseUrl, stop };
}
