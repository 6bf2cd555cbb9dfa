import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEV_AUTH_SECRET } from "@mentora/core/config";
import { createPool } from "@mentora/db";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import "./context.ts";
import { runNode } from "@mentora/db/testing";
import { freePort, type Managed, spawnNode, waitForHealthy } from "./processes.ts";
import { cloneTemplate } from "./servers.ts";

// The container's command, as production runs it: `node scripts/start.ts <role>` with NODE_ENV
// UNSET (production is the default), against the built web app. No browser: fetch only.
const repoDir = path.resolve(import.meta.dirname, "../../..");
const startScript = path.join(repoDir, "scripts/start.ts");
const mentoraCli = path.join(repoDir, "scripts/mentora.ts");
const publicOrigin = "https://mentora.example";
const metricsToken = `metrics-${randomBytes(12).toString("hex")}`;

/**
 * The test process's environment minus NODE_ENV (vitest sets "test"), NODE_PATH (pnpm's bin
 * shims set it, a container has none: with it a package missing from a production install
 * would still resolve) and anything we set.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  const {
    NODE_ENV: _unset,
    NODE_PATH: _unsetToo,
    ...env
  } = process.env as Record<string, string | undefined>;
  for (const name of Object.keys(env)) {
    if (/^(SMTP_|S3_|FILES_|STRIPE_|TWILIO_|INVOICE_|PAYMENT_|METRICS_|AUTH_)/.test(name)) {
      delete env[name];
    }
  }
  return env as NodeJS.ProcessEnv;
}

/**
 * A complete production configuration. Nothing here is contacted by a start: the gateway,
 * Twilio and SMTP point at a closed local port (no session is booked or paid in this file).
 */
async function productionEnv(databaseUrl: string, port: number): Promise<NodeJS.ProcessEnv> {
  const closed = `http://127.0.0.1:${await freePort()}`;
  return {
    ...inheritedEnv(),
    PORT: String(port),
    PUBLIC_URL: publicOrigin,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    LOG_LEVEL: "warn",
    SMTP_URL: closed.replace("http:", "smtp:"),
    FILES_DIR: mkdtempSync(path.join(tmpdir(), "mentora-prod-files-")),
    FILES_DIR_SHARED: "true",
    METRICS_TOKEN: metricsToken,
    WORKER_METRICS_PORT: String(await freePort()),
    PAYMENT_GATEWAYS: "@mentora/gateway-stripe",
    PAYMENT_ROUTING: "*:stripe",
    STRIPE_SECRET_KEY: "sk_test_fake_mentora",
    STRIPE_WEBHOOK_SECRET: "whsec_fake_mentora",
    STRIPE_API_URL: closed,
    TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
    TWILIO_API_KEY_SID: `SK${"2".repeat(32)}`,
    TWILIO_API_KEY_SECRET: "api-key-secret",
    TWILIO_AUTH_TOKEN: "auth-token",
    TWILIO_VIDEO_BASE_URL: closed,
    INVOICE_SELLER_LEGAL_NAME: "Mentora SAS",
    INVOICE_SELLER_LEGAL_FORM: "SAS",
    INVOICE_SELLER_ADDRESS: "1 rue X|75001 Paris",
    INVOICE_SELLER_SIREN: "912345678",
    INVOICE_SELLER_VAT_NUMBER: "FR32912345678",
  };
}

const start = (name: string, role: string, env: NodeJS.ProcessEnv): Managed =>
  spawnNode(name, [startScript, role], { cwd: repoDir, env });

/** Runs a start that must stop by itself; its exit code and everything it printed. */
async function startThatStops(role: string, env: NodeJS.ProcessEnv) {
  const managed = start(`${role} (refused)`, role, env);
  const code = await managed.exited;
  return { code, output: managed.output() };
}

describe("a production start (NODE_ENV unset)", () => {
  let started: Managed;
  let env: NodeJS.ProcessEnv;
  let baseUrl: string;

  beforeAll(async () => {
    const databaseUrl = await cloneTemplate(inject("webDbRun"), "prod");
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    env = await productionEnv(databaseUrl, port);
    // `pnpm start`: migrate (nothing pending on the clone), then web and worker.
    started = start("prod", "all", env);
    await waitForHealthy(`${baseUrl}/healthz`, [started]);
    // The worker is up once its metrics port answers (401 without the token): the web is now
    // healthy well before the worker has loaded (decision 066).
    await vi.waitFor(
      async () => {
        const status = await fetch(`http://127.0.0.1:${env.WORKER_METRICS_PORT}/metrics`).then(
          (response) => response.status,
          () => 0,
        );
        if (status !== 401) throw new Error(`worker metrics not up yet (${status})`);
      },
      { timeout: 60_000, interval: 100 },
    );
  });

  afterAll(async () => {
    await started?.stop();
  });

  it("serves /healthz", async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("has no dev outbox and no design gallery: 404, even for a message id", async () => {
    for (const route of [
      "/dev/outbox",
      `/dev/outbox/${randomBytes(8).toString("hex")}`,
      "/design",
    ]) {
      const response = await fetch(`${baseUrl}${route}`, { redirect: "manual" });
      expect(response.status, route).toBe(404);
    }
  });

  it("/metrics of the web and of the worker need the token", async () => {
    const workerMetrics = `http://127.0.0.1:${env.WORKER_METRICS_PORT}/metrics`;
    for (const url of [`${baseUrl}/metrics`, workerMetrics]) {
      for (const authorization of [undefined, "Bearer wrong-token", `Bearer ${metricsToken}x`]) {
        const response = await fetch(url, {
          headers: authorization ? { authorization } : {},
        });
        expect(response.status, `${url} ${authorization}`).toBe(401);
      }
      const response = await fetch(url, { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(response.status, url).toBe(200);
      expect(await response.text()).toContain("# TYPE");
    }
  });

  it("makes the first admin: admin:create's link opens the form once, the password signs in", async () => {
    const email = `first.admin.${randomBytes(4).toString("hex")}@example.com`;
    const cli = await runNode([mentoraCli, "admin:create", "--email", email], { env });
    expect(cli.code, cli.stderr).toBe(0);
    const printed = cli.stdout.match(/https:\/\/\S+/)?.[0] ?? "";
    expect(printed.startsWith(`${publicOrigin}/api/auth/reset-password/`)).toBe(true);
    // The printed link names the public address; the test reaches the same server directly.
    const local = (url: string) => url.replace(publicOrigin, baseUrl);

    const opened = await fetch(local(printed), { redirect: "manual" });
    expect(opened.status).toBe(302);
    const form = new URL(opened.headers.get("location") ?? "");
    expect(form.pathname).toBe("/reset-password");
    const token = form.searchParams.get("token") ?? "";
    const page = await fetch(local(form.toString()));
    expect(await page.text()).toContain(`name="token" value="${token}"`);

    const password = "first admin passphrase";
    const submit = () =>
      fetch(`${baseUrl}/reset-password`, {
        method: "POST",
        headers: {
          // As behind the reverse proxy: the public origin, and the host it was asked for.
          origin: publicOrigin,
          "x-forwarded-host": new URL(publicOrigin).host,
          "accept-language": "en",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ token, password }),
      });
    const saved = await submit();
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("Your password is saved");
    // Once: the link now lands on the refusal, and the form refuses the token.
    const reopened = await fetch(local(printed), { redirect: "manual" });
    expect(reopened.headers.get("location")).toContain("error=INVALID_TOKEN");
    expect(await (await submit()).text()).toContain("expired or was already used");

    const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin: publicOrigin, "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as { user: { role: string } }).user.role).toBe("ADMIN");
  });

  it("stops cleanly when the platform sends SIGTERM: web and worker drain, exit 0", async () => {
    await started.stop();
    expect(await started.exited, started.output()).toBe(0);
  });
});

describe("a production start that is not configured", () => {
  it("stops with one message naming every missing variable, for web, worker and all", async () => {
    const bare = { ...inheritedEnv(), PORT: String(await freePort()) };
    for (const role of ["web", "worker", "all"]) {
      const { code, output } = await startThatStops(role, bare);
      expect(code, role).not.toBe(0);
      const lines = output.split("\n").filter((line) => line.startsWith("Invalid configuration"));
      expect(lines, output).toHaveLength(1);
      for (const name of [
        "PUBLIC_URL",
        "AUTH_SECRET",
        "DATABASE_URL",
        "SMTP_URL",
        "S3_BUCKET",
        "METRICS_TOKEN",
        "PAYMENT_GATEWAYS",
        "TWILIO_ACCOUNT_SID",
        "INVOICE_SELLER_LEGAL_NAME",
      ]) {
        expect(lines[0], `${role}: ${name}`).toContain(name);
      }
    }
  });

  it("refuses the development AUTH_SECRET, a local FILES_DIR not shared, and http", async () => {
    const complete = await productionEnv("postgres://u:p@127.0.0.1:1/none", await freePort());
    const refusals: [Record<string, string>, RegExp][] = [
      [{ AUTH_SECRET: DEV_AUTH_SECRET }, /AUTH_SECRET is the public development secret/],
      [{ FILES_DIR_SHARED: "false" }, /FILES_DIR_SHARED must be true/],
      [{ PUBLIC_URL: "http://mentora.example" }, /PUBLIC_URL must be an https/],
    ];
    for (const [change, reason] of refusals) {
      const { code, output } = await startThatStops("web", { ...complete, ...change });
      expect(code).not.toBe(0);
      expect(output).toMatch(reason);
    }
  });
});

describe("migrate, as every replica's container runs it", () => {
  it("two concurrent runs on a fresh database both exit 0; each migration is recorded once", async () => {
    const run = inject("webDbRun");
    const adminUrl = run.mentoraDbAdminUrl ?? "";
    const name = `${run.mentoraDbRunPrefix ?? "mentora_test"}_migrate_${randomBytes(4).toString("hex")}`;
    const admin = createPool(adminUrl, { max: 1 });
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const env = { ...inheritedEnv(), DATABASE_URL: url.toString() };

    const runs = await Promise.all([
      startThatStops("migrate", env),
      startThatStops("migrate", env),
    ]);
    expect(
      runs.map((one) => one.code),
      runs.map((one) => one.output).join("\n"),
    ).toEqual([0, 0]);
    // The run that created the activity feeds' table filled it (decision 037), and only it.
    const backfills = runs.filter((one) => one.output.includes("activity feeds backfilled"));
    expect(backfills).toHaveLength(1);

    const pool = createPool(url.toString(), { max: 1 });
    try {
      const { rows } = await pool.query<{ migration_name: string; times: number }>(
        `SELECT migration_name, count(*)::int AS times FROM _prisma_migrations
          WHERE finished_at IS NOT NULL GROUP BY migration_name ORDER BY migration_name`,
      );
      const expected = readdirSync(path.join(repoDir, "prisma/migrations"), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      expect(rows.map((row) => row.migration_name)).toEqual(expected);
      expect(rows.map((row) => row.times)).toEqual(expected.map(() => 1));
    } finally {
      await pool.end();
    }
  });
});
