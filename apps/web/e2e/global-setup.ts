import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createPool } from "@mentora/db";
import type { TestProject } from "vitest/node";
import "./context.ts";
import { freePort, type Managed, spawnNode, waitForHealthy } from "./processes.ts";

const webDir = path.resolve(import.meta.dirname, "..");
const repoDir = path.resolve(webDir, "../..");
const serverBuild = path.join(webDir, "build/server/index.js");

/** What @mentora/db's globalSetup (listed before this one) provides. */
interface DbRun {
  mentoraDbAdminUrl?: string;
  mentoraTemplateDb?: string;
  mentoraDbRunPrefix?: string;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A database of its own for the e2e run, cloned from the db harness's migrated template. */
async function cloneTemplate(run: DbRun): Promise<string> {
  const { mentoraDbAdminUrl: adminUrl, mentoraTemplateDb: template } = run;
  if (!adminUrl || !template) {
    throw new Error(
      "The e2e setup needs @mentora/db's globalSetup to run first (globalSetupPath in apps/web/vitest.config.ts).",
    );
  }
  const name = `${run.mentoraDbRunPrefix ?? "mentora_test"}_web_${randomBytes(4).toString("hex")}`;
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

/**
 * Starts what the browser tests talk to: the BUILT web server (remix-serve) and the worker
 * (verification emails are sent by the `email.send` job), both on a database of their own.
 * Teardown stops both: SIGTERM, then SIGKILL after 10 s.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(serverBuild)) {
    throw new Error(
      `No server build at ${serverBuild}: run \`pnpm --filter @mentora/web build\` first (\`pnpm test\` does).`,
    );
  }
  const databaseUrl = await cloneTemplate(project.getProvidedContext() as DbRun);
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
  };
  const serveCli = createRequire(path.join(webDir, "package.json")).resolve(
    "@remix-run/serve/dist/cli.js",
  );
  const processes: Managed[] = [
    spawnNode("web", [serveCli, "./build/server/index.js"], { cwd: webDir, env }),
    spawnNode("worker", ["apps/worker/src/main.ts"], { cwd: repoDir, env }),
  ];
  const teardown = async () => {
    await Promise.all(processes.map((managed) => managed.stop()));
  };
  try {
    await waitForHealthy(`${baseUrl}/healthz`, processes);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide("webBaseUrl", baseUrl);
  project.provide("webDatabaseUrl", databaseUrl);
  return teardown;
}
