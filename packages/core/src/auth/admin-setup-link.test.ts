import { fileURLToPath } from "node:url";
import { createTestDatabase, runNode } from "@mentora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { loadConfig } from "../config/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { createLogger } from "../logger/index.ts";
import { createRateLimits } from "../rate-limits/index.ts";
import { authRequest, createTestApp, signUpVerifiedUser, TEST_ORIGIN } from "../testing/index.ts";
import { type Auth, createAdminSetupLink, createAuth, SET_PASSWORD_PATH } from "./index.ts";

const mentoraCli = fileURLToPath(new URL("../../../../scripts/mentora.ts", import.meta.url));
const NEW_PASSWORD = "a long admin passphrase";

/** Opens the link as a browser would: better-auth checks the token and redirects to the form. */
async function openLink(auth: Auth, link: string): Promise<URL> {
  const response = await auth.handler(new Request(link, { headers: { origin: TEST_ORIGIN } }));
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "", TEST_ORIGIN);
}

/** Opens the link, then submits the set-password form with the token it handed over. */
async function setPassword(auth: Auth, link: string, newPassword = NEW_PASSWORD) {
  const landing = await openLink(auth, link);
  const token = new URL(link).pathname.split("/").at(-1) ?? "";
  return auth
    .handler(authRequest("/reset-password", { body: { newPassword, token } }))
    .then((response) => ({ landing, response }));
}

const signIn = (auth: Auth, email: string, password = NEW_PASSWORD) =>
  auth.handler(authRequest("/sign-in/email", { body: { email, password } }));

describe("createAdminSetupLink", () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  const deps = () => ({ prisma: app.prisma, auth: app.auth, publicUrl: TEST_ORIGIN });

  it("creates a verified admin whose link sets the password once; then the admin signs in", async () => {
    const link = await createAdminSetupLink(deps(), { email: " Boss@Example.com " });
    expect(link).toMatchObject({ email: "boss@example.com", created: true });
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: link.userId } });
    expect(user).toMatchObject({ role: "ADMIN", emailVerified: true });
    expect(await signIn(app.auth, "boss@example.com")).toHaveProperty("ok", false);

    const { landing, response } = await setPassword(app.auth, link.url);
    expect(landing.pathname).toBe(SET_PASSWORD_PATH);
    expect(landing.searchParams.get("token")).toBeTruthy();
    expect(response.status).toBe(200);

    const signedIn = await signIn(app.auth, "boss@example.com");
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { user: { role: string } }).user.role).toBe("ADMIN");

    // Once: the same link neither opens the form again nor sets another password.
    expect((await openLink(app.auth, link.url)).searchParams.get("error")).toBe("INVALID_TOKEN");
    const again = await setPassword(app.auth, link.url, "another password 123");
    expect(again.response.status).toBe(400);
    expect(await signIn(app.auth, "boss@example.com", "another password 123")).toHaveProperty(
      "status",
      401,
    );
  });

  it("promotes an existing account, whose password changes only through the link", async () => {
    const email = "mentee.to.admin@example.com";
    const { userId } = await signUpVerifiedUser(app, { name: "Mentee", email });
    const link = await createAdminSetupLink(deps(), { email });
    expect(link).toMatchObject({ userId, created: false });
    expect(await app.prisma.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      role: "ADMIN",
      name: "Mentee",
    });
    expect((await setPassword(app.auth, link.url)).response.status).toBe(200);
    expect((await signIn(app.auth, email)).status).toBe(200);
  });

  it("refuses what is not an email address, with a stable code", async () => {
    const refused = await createAdminSetupLink(deps(), { email: "not-an-email" }).catch(
      (error: unknown) => error,
    );
    expect(errorCodeOf(refused)).toBe("VALIDATION_FAILED");
  });
});

describe("pnpm mentora admin:create", () => {
  it("prints a one-time link (no password anywhere) that lets the new admin sign in", async () => {
    const database = await createTestDatabase();
    const { NODE_ENV: _unset, ...inherited } = process.env;
    const env = {
      ...inherited,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      PUBLIC_URL: TEST_ORIGIN,
      DATABASE_URL: database.url,
      AUTH_SECRET: "cli-test-secret-".repeat(3),
    };
    const run = await runNode([mentoraCli, "admin:create", "--email", "first@example.com"], {
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    const link = run.stdout.match(/https?:\/\/\S+\/api\/auth\/reset-password\/\S+/)?.[0] ?? "";
    expect(run.stdout).toContain("Created admin first@example.com");
    const token = new URL(link).pathname.split("/").at(-1) ?? "";
    expect(token.length).toBeGreaterThan(20);
    // The link is a credential: on the operator's terminal only, never in the structured log.
    expect(run.stdout.split(token)).toHaveLength(2);
    expect(run.stderr).not.toContain(token);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/"msg":"[^"]*reset-password/);

    const config = loadConfig({ ...env, LOG_LEVEL: "silent" });
    const auth = createAuth({
      config,
      prisma: database.prisma,
      logger: createLogger({ level: "silent" }),
      rateLimits: createRateLimits({ pool: database.pool, policies: config.rateLimits }),
      sendEmail: async () => {},
    });
    expect((await setPassword(auth, link)).response.status).toBe(200);
    expect((await signIn(auth, "first@example.com")).status).toBe(200);
    expect((await setPassword(auth, link, "second try password")).response.status).toBe(400);
    await database.drop();
  });

  it("refuses a bad --email, and a production start without its configuration", async () => {
    const bad = await runNode([mentoraCli, "admin:create", "--email", "nope"], {
      env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent" },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--email "nope" is not an email address');

    const { NODE_ENV: _unset, DATABASE_URL: _db, AUTH_SECRET: _s, ...bare } = process.env;
    const production = await runNode([mentoraCli, "admin:create", "--email", "a@example.com"], {
      env: bare,
    });
    expect(production.code).toBe(1);
    expect(production.stderr).toMatch(/Invalid configuration: .*AUTH_SECRET.*DATABASE_URL/);
  });
});
