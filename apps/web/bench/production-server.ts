import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, type Managed, spawnNode, waitForHealthy } from "../e2e/processes.ts";
import { cloneTemplate, type DbRun } from "../e2e/servers.ts";

const webDir = path.resolve(import.meta.dirname, "..");
/** The address production answers to: cookies are Secure, forms check this origin. */
export const publicOrigin = "https://mentora.example";
export const metricsToken = `metrics-${randomBytes(12).toString("hex")}`;

/** Where `scripts/start.ts` points Node's compile cache (module.enableCompileCache()'s default). */
const compileCacheDir = path.join(tmpdir(), "node-compile-cache");

/** The web server's command line exactly as `scripts/start.ts web` runs it (in apps/web). */
export const webServerArgs = ["--import", "@mentora/telemetry/tracing-preload", "server.ts"];

/**
 * A complete production configuration (NODE_ENV=production, as the container runs it), with the
 * per-IP limits raised since every bench request comes from this machine. Nothing here is
 * contacted: the gateway, Twilio and SMTP point at a closed local port.
 */
export async function productionEnv(databaseUrl: string, port: number): Promise<NodeJS.ProcessEnv> {
  const closed = `http://127.0.0.1:${await freePort()}`;
  const {
    NODE_ENV: _vitestSetsTest,
    NODE_PATH: _containersHaveNone,
    ...inherited
  } = process.env as Record<string, string | undefined>;
  return {
    ...inherited,
    NODE_ENV: "production",
    // As scripts/start.ts sets it (decision 066).
    ...(inherited.NODE_DISABLE_COMPILE_CACHE
      ? {}
      : { NODE_COMPILE_CACHE: inherited.NODE_COMPILE_CACHE ?? compileCacheDir }),
    PORT: String(port),
    PUBLIC_URL: publicOrigin,
    // The bench's helpers sign up and in at the server's own address (e2e/db.ts).
    TRUSTED_ORIGINS: `http://localhost:${port}`,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    LOG_LEVEL: "warn",
    SMTP_URL: closed.replace("http:", "smtp:"),
    FILES_DIR: mkdtempSync(path.join(tmpdir(), "mentora-bench-files-")),
    FILES_DIR_SHARED: "true",
    METRICS_TOKEN: metricsToken,
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
    MENTOR_APPROVAL: "auto",
    RATE_LIMITS:
      "sign-in-ip=100000,sign-up-ip=100000,password-reset-ip=100000,verification-email-ip=100000,mutation=100000,booking-hold=100000,invitation-send=100000,webhook-ip=100000,video-callback-ip=100000,realtime-connect=100000",
    ...(process.env.BENCH_WEB_NODE_OPTIONS
      ? { NODE_OPTIONS: process.env.BENCH_WEB_NODE_OPTIONS }
      : {}),
  };
}

export interface ProductionWeb {
  baseUrl: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  web: Managed;
  stop(): Promise<void>;
}

/** The BUILT web server in production mode on a cloned database of its own (no worker). */
export async function startProductionWeb(
  run: DbRun,
  options: { databaseUrl?: string; label?: string } = {},
): Promise<ProductionWeb> {
  const databaseUrl = options.databaseUrl ?? (await cloneTemplate(run, options.label ?? "bench"));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env = await productionEnv(databaseUrl, port);
  const web = spawnNode("web", webServerArgs, { cwd: webDir, env });
  try {
    await waitForHealthy(`${baseUrl}/healthz`, [web]);
  } catch (error) {
    await web.stop();
    throw error;
  }
  return { baseUrl, databaseUrl, env, web, stop: () => web.stop() };
}

/** Signs in over HTTP as production's forms do (public origin); the session cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: publicOrigin },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${email}: HTTP ${response.status} ${await response.text()}`);
  }
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}
