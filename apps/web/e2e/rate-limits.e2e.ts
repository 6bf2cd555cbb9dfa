import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPrismaClient, type Db } from "@mentora/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./context.ts";
import { createVerifiedUser, PASSWORD } from "./db.ts";
import { cloneTemplate, type DbRun, type ServerPair, startServerPairs } from "./servers.ts";

/**
 * Rate limits and the client IP, over HTTP against the BUILT server (no browser): two web
 * processes on one database share the counters; the IP comes from the socket address, and from
 * X-Forwarded-For only through TRUSTED_PROXIES.
 */

// The other suites' raised limits, with sign-in back to small numbers for these tests.
const LIMITS = [
  "sign-in-email=3",
  "sign-in-ip=4",
  "sign-up-email=3",
  "sign-up-ip=100000",
  "mutation=100000",
  "booking-hold=100000",
  "webhook-ip=3",
  "video-callback-ip=3",
  "password-reset-email=2",
  "password-reset-ip=100000",
].join(",");

/**
 * PayPal's API as far as a webhook needs it: a token, and verify-webhook-signature saying
 * FAILURE (so each webhook that gets through costs exactly one recorded verification call).
 */
interface FakePayPal {
  url: string;
  verifications: number;
  server: Server;
}

async function startFakePayPal(): Promise<FakePayPal> {
  const fake = { url: "", verifications: 0 } as FakePayPal;
  fake.server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "application/json" });
    if (req.url === "/v1/oauth2/token") {
      res.end(
        JSON.stringify({ access_token: "A21AAfake", token_type: "Bearer", expires_in: 32400 }),
      );
      return;
    }
    if (req.url === "/v1/notifications/verify-webhook-signature") fake.verifications += 1;
    res.end(JSON.stringify({ verification_status: "FAILURE" }));
  });
  await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  return fake;
}

const run = inject("webDbRun") as DbRun;
const pairs: ServerPair[] = [];
const clients: Db[] = [];
let first: ServerPair;
let second: ServerPair;
let db: Db;
let paypal: FakePayPal;

beforeAll(async () => {
  paypal = await startFakePayPal();
  // One proxy hop in front (the test plays it): X-Forwarded-For's right-most entry is the client.
  const env = {
    TRUSTED_PROXIES: "1",
    RATE_LIMITS: LIMITS,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    PAYMENT_GATEWAYS: "@mentora/gateway-sandbox,@mentora/gateway-paypal",
    PAYPAL_CLIENT_ID: "paypal-client",
    PAYPAL_CLIENT_SECRET: "paypal-secret",
    PAYPAL_WEBHOOK_ID: "WH-MENTORA-LIMITS",
    PAYPAL_API_URL: paypal.url,
  };
  const databaseUrl = await cloneTemplate(run, "limits");
  [first, second] = (await startServerPairs(run, [
    { env, databaseUrl },
    { env, databaseUrl, worker: false },
  ])) as [ServerPair, ServerPair];
  pairs.push(first, second);
  db = createPrismaClient({ connectionString: databaseUrl });
  clients.push(db);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  await Promise.all(pairs.map((pair) => pair.stop()));
  await new Promise<void>((resolve) => (paypal ? paypal.server.close(() => resolve()) : resolve()));
});

function uniqueAddress(name: string): string {
  return `${name}-${randomBytes(4).toString("hex")}@limits.test`;
}

/** The sign-in form, as a browser without JavaScript posts it. */
function postSignIn(baseUrl: string, input: { email: string; password: string; ip?: string }) {
  return fetch(`${baseUrl}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: {
      origin: baseUrl,
      "content-type": "application/x-www-form-urlencoded",
      "accept-language": "en",
      ...(input.ip ? { "x-forwarded-for": input.ip } : {}),
    },
    body: new URLSearchParams({ email: input.email, password: input.password, intent: "password" }),
  });
}

function postSignUp(baseUrl: string, input: { name: string; email: string; ip?: string }) {
  return fetch(`${baseUrl}/sign-up`, {
    method: "POST",
    redirect: "manual",
    headers: {
      origin: baseUrl,
      "content-type": "application/x-www-form-urlencoded",
      "accept-language": "en",
      ...(input.ip ? { "x-forwarded-for": input.ip } : {}),
    },
    body: new URLSearchParams({ ...input, password: "a long enough password" }),
  });
}

/** Jobs of the email queue to `to` that the worker has not finished yet. */
async function pendingEmailsTo(to: string): Promise<number> {
  const rows = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM pgboss.job
    WHERE name = 'email.send' AND data->>'to' = ${to} AND state IN ('created', 'retry', 'active')`;
  return Number(rows[0]?.count ?? 0);
}

/** Waits (polling, at most 60 s) until the worker has sent every queued email to `to`. */
async function drainedOutbox(to: string) {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if ((await pendingEmailsTo(to)) === 0) return db.outboxEmail.findMany({ where: { to } });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`emails to ${to} still queued after 60 s`);
}

describe("sign-in brute force", () => {
  it("is refused with 429 and Retry-After across two web processes, and the owner is mailed once", async () => {
    const target = { baseUrl: first.baseUrl, db };
    const email = uniqueAddress("owner");
    await createVerifiedUser({ name: "Olga Owner", email }, target);
    const ip = "198.51.100.10";

    // Failures alternate between the two processes: the counter is shared.
    const failures = [first, second, first];
    for (const pair of failures) {
      const response = await postSignIn(pair.baseUrl, { email, password: "wrong password!", ip });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("The email or password is incorrect.");
    }
    // Locked out now, on the other process, even with the right password.
    const locked = await postSignIn(second.baseUrl, { email, password: PASSWORD, ip });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await locked.text()).toContain("Too many attempts. Try again in 1 minute.");
    expect(locked.headers.getSetCookie().join(";")).not.toContain("session_token");

    // better-auth's own endpoint is behind the same lock.
    const api = await fetch(`${first.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin: first.baseUrl, "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(api.status).toBe(429);
    expect(Number(api.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await api.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });

    const emails = await drainedOutbox(email);
    const notices = emails.filter((mail) => mail.subject.startsWith("Failed sign-ins"));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("1 min");
  });

  it("keeps an address locked when the attacker changes IP", async () => {
    const email = uniqueAddress("roaming");
    await createVerifiedUser({ name: "Rita Roaming", email }, { baseUrl: first.baseUrl, db });
    for (const [index, pair] of [first, second, first].entries()) {
      const ip = `203.0.113.${10 + index}`;
      expect((await postSignIn(pair.baseUrl, { email, password: "nope nope", ip })).status).toBe(
        200,
      );
    }
    const fresh = await postSignIn(second.baseUrl, { email, password: PASSWORD, ip: "192.0.2.99" });
    expect(fresh.status).toBe(429);
    expect(fresh.headers.get("retry-after")).not.toBeNull();
  });

  it("blocks one IP guessing many addresses, and only that IP", async () => {
    const ip = "198.51.100.66";
    for (let i = 0; i < 4; i += 1) {
      const pair = i % 2 ? second : first;
      const response = await postSignIn(pair.baseUrl, {
        email: uniqueAddress(`spray${i}`),
        password: "guess guess",
        ip,
      });
      expect(response.status).toBe(200);
    }
    const blocked = await postSignIn(first.baseUrl, {
      email: uniqueAddress("next"),
      password: "guess guess",
      ip,
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(await blocked.text()).toMatch(/Try again in \d+ minutes\./);
    const elsewhere = await postSignIn(first.baseUrl, {
      email: uniqueAddress("next"),
      password: "guess guess",
      ip: "198.51.100.67",
    });
    expect(elsewhere.status).toBe(200);
  });
});

describe("client IP", () => {
  it("with TRUSTED_PROXIES=1, records the right-most forwarded hop, not the forged left one", async () => {
    const email = uniqueAddress("proxied");
    const user = await createVerifiedUser(
      { name: "Pia Proxied", email },
      { baseUrl: first.baseUrl, db },
    );
    const response = await postSignIn(first.baseUrl, {
      email,
      password: PASSWORD,
      ip: "6.6.6.6, 203.0.113.77",
    });
    expect(response.status).toBe(302);
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.ipAddress).toBe("203.0.113.77");
  });

  it("with no proxy trusted, a forged X-Forwarded-For changes neither the session nor the audit row", async () => {
    // The global pair: no TRUSTED_PROXIES.
    const baseUrl = inject("webBaseUrl");
    const globalDb = createPrismaClient({ connectionString: inject("webDatabaseUrl") });
    clients.push(globalDb);
    const email = uniqueAddress("admin");
    const admin = await createVerifiedUser(
      { name: "Ada Forger", email },
      { baseUrl, db: globalDb },
    );
    await globalDb.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const signIn = await postSignIn(baseUrl, { email, password: PASSWORD, ip: "6.6.6.6" });
    expect(signIn.status).toBe(302);
    const session = await globalDb.session.findFirstOrThrow({ where: { userId: admin.id } });
    expect(session.ipAddress).not.toBe("6.6.6.6");
    expect(["127.0.0.1", "::1"]).toContain(session.ipAddress);

    // An admin action over tRPC, with a forged header: the audit row has the socket address.
    const cookie = signIn.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const setRole = await fetch(`${baseUrl}/api/trpc/admin.users.setRole`, {
      method: "POST",
      headers: {
        origin: baseUrl,
        cookie,
        "content-type": "application/json",
        "x-forwarded-for": "6.6.6.6",
        "x-mentora-client-ip": "6.6.6.7",
      },
      body: JSON.stringify({ json: { userId: admin.id, role: "ADMIN" } }),
    });
    expect(setRole.status).toBe(200);
    const audit = await globalDb.auditLog.findFirstOrThrow({
      where: { action: "user.set-role", targetId: admin.id },
    });
    expect(["127.0.0.1", "::1"]).toContain(audit.ip);
  });
});

describe("sign-up", () => {
  it("answers a known and an unknown address alike, and tells the known address's owner", async () => {
    const known = uniqueAddress("known");
    await createVerifiedUser({ name: "Kim Known", email: known }, { baseUrl: first.baseUrl, db });
    const unknown = uniqueAddress("unknown");
    const [forKnown, forUnknown] = await Promise.all([
      postSignUp(first.baseUrl, { name: "Someone", email: known, ip: "198.51.100.20" }),
      postSignUp(second.baseUrl, { name: "Someone", email: unknown, ip: "198.51.100.21" }),
    ]);
    expect(forKnown.status).toBe(forUnknown.status);
    expect(forKnown.status).toBe(200);
    expect(forKnown.headers.get("location")).toBeNull();
    expect(forUnknown.headers.get("location")).toBeNull();
    const page = async (response: Response, email: string) =>
      (await response.text())
        .replaceAll(email, "EMAIL")
        // Per-response values: nonces, request ids, build hashes are not about the account.
        .replace(/nonce="[^"]*"/g, "")
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "ID");
    const [knownPage, unknownPage] = await Promise.all([
      page(forKnown, known),
      page(forUnknown, unknown),
    ]);
    expect(knownPage).toContain("EMAIL");
    expect(knownPage).toBe(unknownPage);
    expect(await db.user.count({ where: { email: known } })).toBe(1);

    const emails = await drainedOutbox(known);
    expect(emails.filter((mail) => mail.subject.includes("tried to create"))).toHaveLength(1);
  });
});

/** A PayPal delivery whose headers pass every free check: only PayPal's answer is left. */
function postPayPalWebhook(baseUrl: string, ip: string) {
  return fetch(`${baseUrl}/api/webhooks/paypal`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": ip,
      "paypal-transmission-id": randomBytes(8).toString("hex"),
      "paypal-transmission-time": new Date().toISOString(),
      "paypal-transmission-sig": "c2lnbmF0dXJl",
      "paypal-cert-url": "https://api.paypal.com/v1/notifications/certs/CERT-limits",
      "paypal-auth-algo": "SHA256withRSA",
    },
    body: JSON.stringify({ id: `WH-${randomBytes(6).toString("hex")}`, event_type: "X.Y" }),
  });
}

function postTwilioCallback(baseUrl: string, ip: string) {
  return fetch(`${baseUrl}/api/webhooks/twilio`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": ip,
      "x-twilio-signature": "forged",
    },
    body: new URLSearchParams({ RoomName: "room", StatusCallbackEvent: "room-ended" }),
  });
}

describe("webhooks, per source IP", () => {
  it("answers the 4th payment webhook from one IP with 429 without asking the provider; another IP goes on", async () => {
    const ip = "198.51.100.80";
    // Three deliveries, alternating processes: each costs one call to PayPal (which says no).
    for (const [index, pair] of [first, second, first].entries()) {
      const response = await postPayPalWebhook(pair.baseUrl, ip);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ received: false, error: "bad_signature" });
      expect(paypal.verifications).toBe(index + 1);
    }
    const refused = await postPayPalWebhook(second.baseUrl, ip);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ received: false, error: "too many requests" });
    expect(paypal.verifications).toBe(3);

    const elsewhere = await postPayPalWebhook(first.baseUrl, "198.51.100.81");
    expect(elsewhere.status).toBe(400);
    expect(paypal.verifications).toBe(4);
    expect(await db.webhookEvent.count({ where: { provider: "paypal" } })).toBe(0);
  });

  it("answers the 4th Twilio callback from one IP with 429 before the signature check", async () => {
    const ip = "198.51.100.90";
    for (const pair of [first, second, first]) {
      const response = await postTwilioCallback(pair.baseUrl, ip);
      expect(response.status).toBe(403);
    }
    const refused = await postTwilioCallback(second.baseUrl, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ received: false, error: "too many requests" });
    expect((await postTwilioCallback(first.baseUrl, "198.51.100.91")).status).toBe(403);
  });
});

function postForgotPassword(baseUrl: string, email: string, ip: string) {
  return fetch(`${baseUrl}/forgot-password`, {
    method: "POST",
    redirect: "manual",
    headers: {
      origin: baseUrl,
      "content-type": "application/x-www-form-urlencoded",
      "accept-language": "en",
      "x-forwarded-for": ip,
    },
    body: new URLSearchParams({ email }),
  });
}

/** A page with the address and per-response values (nonces, ids) taken out. */
async function neutralPage(response: Response, email: string): Promise<string> {
  return (await response.text())
    .replaceAll(email, "EMAIL")
    .replace(/nonce="[^"]*"/g, "")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "ID");
}

describe("forgot password", () => {
  it("is linked from the sign-in page", async () => {
    const page = await (await fetch(`${first.baseUrl}/sign-in`)).text();
    expect(page).toContain('href="/forgot-password"');
    expect(page).toContain("Forgot your password?");
  });

  it("mails a known address a link that sets a new password, answers an unknown one alike, and limits per address", async () => {
    const known = uniqueAddress("forgetful");
    await createVerifiedUser(
      { name: "Fay Forgetful", email: known },
      { baseUrl: first.baseUrl, db },
    );
    const unknown = uniqueAddress("nobody");
    const [forKnown, forUnknown] = await Promise.all([
      postForgotPassword(first.baseUrl, known, "198.51.100.30"),
      postForgotPassword(second.baseUrl, unknown, "198.51.100.31"),
    ]);
    expect(forKnown.status).toBe(200);
    expect(forUnknown.status).toBe(200);
    const [knownPage, unknownPage] = await Promise.all([
      neutralPage(forKnown, known),
      neutralPage(forUnknown, unknown),
    ]);
    expect(knownPage).toContain("If an account uses EMAIL, we have sent it a link");
    expect(knownPage).toBe(unknownPage);

    const mails = (await drainedOutbox(known)).filter((mail) =>
      mail.subject.startsWith("Reset your"),
    );
    expect(mails).toHaveLength(1);
    expect(await drainedOutbox(unknown)).toHaveLength(0);

    // The mailed link: better-auth checks the token and sends the visitor to our page.
    const link = /https?:\/\/\S+\/api\/auth\/reset-password\/[^\s"<>]+/.exec(
      mails[0]?.text ?? "",
    )?.[0];
    expect(link).toBeDefined();
    const landing = await fetch(link ?? "", { redirect: "manual" });
    expect(landing.status).toBe(302);
    const target = new URL(landing.headers.get("location") ?? "", first.baseUrl);
    expect(target.pathname).toBe("/reset-password");
    const token = target.searchParams.get("token") ?? "";
    expect(token).not.toBe("");
    const newPassword = "a brand new password";
    const reset = await fetch(`${first.baseUrl}/reset-password`, {
      method: "POST",
      headers: {
        origin: first.baseUrl,
        "content-type": "application/x-www-form-urlencoded",
        "accept-language": "en",
      },
      body: new URLSearchParams({ token, password: newPassword }),
    });
    expect(reset.status).toBe(200);
    expect(await reset.text()).toContain("Your password is saved.");
    const oldPassword = await postSignIn(second.baseUrl, {
      email: known,
      password: PASSWORD,
      ip: "198.51.100.32",
    });
    expect(oldPassword.status).toBe(200);
    const signedIn = await postSignIn(second.baseUrl, {
      email: known,
      password: newPassword,
      ip: "198.51.100.32",
    });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.getSetCookie().join(";")).toContain("session_token");

    // Per address (2 here), from any IP, known account or not: the third request is refused.
    for (const email of [known, unknown]) {
      expect((await postForgotPassword(second.baseUrl, email, "198.51.100.33")).status).toBe(200);
      const refused = await postForgotPassword(first.baseUrl, email, "198.51.100.34");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused.text()).toMatch(/Too many attempts\. Try again in \d+ minutes\./);
    }
    // One more mail to the known address (its second request), none from the refused ones.
    const after = (await drainedOutbox(known)).filter((mail) =>
      mail.subject.startsWith("Reset your"),
    );
    expect(after).toHaveLength(2);
  });
});
