import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createTestDatabase,
  seedCacheEnabled,
  seededTemplate,
  type TestDatabase,
} from "@mentora/db/testing";
import { type App, type CreateAppOptions, createApp } from "../app/index.ts";
import { sendEmailJob } from "../app/job-handlers.ts";
import { type Config, loadConfig } from "../config/index.ts";

import { createLogger } from "../logger/index.ts";
import { type Context, createContext } from "../trpc/context.ts";
import { createCaller } from "../trpc/router.ts";

export const TEST_ORIGIN = "http://localhost:3000";

/**
 * A real App over its own database cloned from the migrated template, with files in a fresh
 * temporary folder (never the developer's .data/files).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  {
    database: given,
    ...options
  }: Pick<CreateAppOptions, "deliverGatewayWebhook" | "ai"> & {
    /** A database already made (a seeded clone, see createSeededTestApp); default: a new one. */
    database?: TestDatabase;
  } = {},
): Promise<App> {
  const database = given ?? (await createTestDatabase());
  const config: Config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PUBLIC_URL: TEST_ORIGIN,
    FILES_DIR: mkdtempSync(path.join(tmpdir(), "mentora-files-")),
    // Waiting for a pooled connection: 200 issues at once on a pool of 10, beside another test
    // file (two at a time) on a loaded machine, can wait past production's 5 s (decision 068).
    DATABASE_CONNECT_TIMEOUT_MS: "30000",
    ...env,
  });
  const logger = createLogger({ level: config.app.logLevel, name: "test" });
  return createApp({
    config,
    databaseUrl: database.url,
    role: "web",
    logger,
    env: { ...process.env, ...env, PUBLIC_URL: config.app.publicUrl },
    // Core's dev dependencies hold every adapter, so tests can load any of them by name.
    importPackage: (name) => import(name),
    ...options,
  });
}

/**
 * A test App over a database seeded by `seed`, for benches whose setup is a large platform.
 * In a `pnpm bench` run (decision 080) the platform is seeded once, in the first round, into a
 * template database keyed by `key` (with BENCH_SCALE and the migrations' hash): later rounds get
 * a clone of it, byte for byte the same rows, indexes, statistics and visibility maps (seed
 * steps like VACUUM/ANALYZE belong in `seed`). Otherwise it is createTestApp() + `seed`.
 * `key` must name everything the seed depends on (sizes, dates); `seed` returns what the bench
 * needs to find its rows again (ids, dates as ISO strings), JSON only: it is what a clone
 * hands back. The app's env changes nothing stored, so it is not part of the key.
 */
export async function createSeededTestApp<T>(
  key: string,
  seed: (app: App) => Promise<T>,
  env: Record<string, string> = {},
): Promise<{ app: App; seeded: T; reused: boolean }> {
  if (!seedCacheEnabled()) {
    const app = await createTestApp(env);
    // The same JSON round trip as a clone's, so a bench reads its seed the same way both times.
    return { app, seeded: JSON.parse(JSON.stringify(await seed(app))) as T, reused: false };
  }
  const began = performance.now();
  const { template, meta, reused } = await seededTemplate(key, async (database) => {
    // The seeder is not the measured app: no statement timeout for it (the 10× slots platform's
    // chunks outlasted the web's 15 s on a loaded machine in the first run, decision 080).
    const app = await createTestApp(
      { ...env, DATABASE_STATEMENT_TIMEOUT_MS: "3600000" },
      { database },
    );
    try {
      return await seed(app);
    } finally {
      await app.close();
    }
  });
  const seededMs = performance.now() - began;
  const database = await createTestDatabase({ template });
  const clonedMs = performance.now() - began - seededMs;
  // What a run's length is made of (decision 080): seeded once, then only cloned.
  process.stderr.write(
    `[bench seed] ${key}: ${reused ? "template reused" : `seeded in ${(seededMs / 1000).toFixed(1)} s`}, cloned in ${(clonedMs / 1000).toFixed(1)} s\n`,
  );
  return { app: await createTestApp(env, { database }), seeded: meta, reused };
}

/** Delivers queued `email.send` jobs the way the worker would, and returns how many. */
export async function deliverQueuedEmails(app: App): Promise<number> {
  let delivered = 0;
  for (;;) {
    const [job] = await app.boss.fetch<{ to: string }>(sendEmailJob.name);
    if (!job) return delivered;
    await sendEmailJob.run(job.data, app, { jobId: job.id });
    await app.boss.complete(sendEmailJob.name, job.id);
    delivered += 1;
  }
}

export function authRequest(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Request {
  return new Request(`${TEST_ORIGIN}/api/auth${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: {
      origin: TEST_ORIGIN,
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
}

/** The `name=value` pairs of every Set-Cookie, as a Cookie request header. */
export function cookieHeaderFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Signs a user up, verifies the email through the outbox, signs in; returns the cookie. */
export async function signUpVerifiedUser(
  app: App,
  user: { name: string; email: string; password?: string },
): Promise<{ cookie: string; userId: string }> {
  const password = user.password ?? "correct horse battery";
  const signUp = await app.auth.handler(
    authRequest("/sign-up/email", { body: { ...user, password } }),
  );
  if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  await deliverQueuedEmails(app);
  const email = await app.prisma.outboxEmail.findFirst({
    where: { to: user.email },
    orderBy: { createdAt: "desc" },
  });
  const link = email?.text.match(/https?:\/\/\S+verify-email\S+/)?.[0];
  if (!link) throw new Error("no verification link in the outbox");
  const verifyUrl = new URL(link);
  await app.auth.handler(authRequest(`/verify-email${verifyUrl.search}`));
  const signIn = await app.auth.handler(
    authRequest("/sign-in/email", { body: { email: user.email, password } }),
  );
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const { user: signedIn } = (await signIn.json()) as { user: { id: string } };
  return { cookie: cookieHeaderFrom(signIn), userId: signedIn.id };
}

/** A tRPC context as the HTTP edge makes it; `clientAddress` is the socket peer (IP source). */
export async function contextFor(
  app: App,
  headers: Record<string, string> = {},
  options: { clientAddress?: string } = {},
): Promise<Context> {
  return createContext({
    services: app,
    headers: new Headers(headers),
    clientAddress: options.clientAddress,
  });
}

export async function callerFor(app: App, headers: Record<string, string> = {}) {
  return createCaller(await contextFor(app, headers));
}

export { createFakeAi, runEventDeliveries } from "./ai.ts";

/** Polls `probe` every 100 ms until it answers something (not undefined), for up to `ms`. */
export async function until<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
