import { randomBytes, randomUUID } from "node:crypto";
import { createPrismaClient, type Db } from "@mentora/db";
import { validate } from "@readme/openapi-parser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, watchPages } from "./browser.ts";
import { addPaidOffering, createMentor, createVerifiedUser, PASSWORD, type Target } from "./db.ts";
import { cloneTemplate, type DbRun, type ServerPair, startServerPairs } from "./servers.ts";
import { signedInPage } from "./sign-in.ts";

/**
 * The public REST API over HTTP against the BUILT server (decision 052): a key created on the
 * account page lists a mentor's slots through /api/v1, reads its owner's booking but not
 * another person's (404), lacks a scope (403), is revoked on the page (401); a key's rate limit
 * holds across two web processes on one database (429); /api/openapi.json is a valid OpenAPI
 * document and /api/docs renders it (axe-clean).
 */

// The suites' raised limits, plus a small per-key API budget.
const LIMITS = [
  "sign-in-ip=100000",
  "sign-up-ip=100000",
  "password-reset-ip=100000",
  "verification-email-ip=100000",
  "mutation=100000",
  "booking-hold=100000",
  "invitation-send=100000",
  "webhook-ip=100000",
  "video-callback-ip=100000",
  "realtime-connect=100000",
  "api-key=6/60",
].join(",");

let first: ServerPair;
let second: ServerPair;
let db: Db;
let browser: Browser;
let target: Target;

beforeAll(async () => {
  const env = { RATE_LIMITS: LIMITS, AUTH_SECRET: randomBytes(32).toString("hex") };
  const run = inject("webDbRun") as DbRun;
  const databaseUrl = await cloneTemplate(run, "api");
  [first, second] = (await startServerPairs(run, [
    { env, databaseUrl },
    { env, databaseUrl, worker: false },
  ])) as [ServerPair, ServerPair];
  db = createPrismaClient({ connectionString: databaseUrl });
  target = { baseUrl: first.baseUrl, db };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await Promise.all([first?.stop(), second?.stop()]);
});

async function cookieOf(email: string): Promise<string> {
  const response = await fetch(`${first.baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: first.baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** A place in the mentor's slot through /api/trpc, as the booking page takes it. */
async function hold(cookie: string, optionId: string, daysAhead: number): Promise<string> {
  const startsAt = new Date();
  startsAt.setUTCDate(startsAt.getUTCDate() + daysAhead);
  startsAt.setUTCHours(10, 0, 0, 0);
  const response = await fetch(`${first.baseUrl}/api/trpc/bookings.hold`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: first.baseUrl, cookie },
    body: JSON.stringify({ json: { optionId, startsAt: startsAt.toISOString() } }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: { data: { json: { id: string } } } }).result.data
    .json.id;
}

async function api(baseUrl: string, path: string, key: string | null) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  const body = (await response.json()) as Record<string, unknown> & {
    error?: { code: string; message: string; requestId: string; httpStatus: number };
  };
  return { status: response.status, headers: response.headers, body };
}

describe("the public REST API with API keys (built server)", () => {
  it("a key from the account page lists slots, reads only its owner's bookings, lacks a scope, dies on revoke", async () => {
    const tag = randomUUID().slice(0, 8);
    const mentor = await createMentor(
      { name: "Ada API-Mentor", email: `ada-${tag}@api-e2e.test` },
      target,
    );
    await addPaidOffering(mentor.id, target);
    const option = await db.offeringOption.findFirstOrThrow({
      where: { offering: { mentorId: mentor.id } },
    });
    const menteeEmail = `mia-${tag}@api-e2e.test`;
    await createVerifiedUser({ name: "Mia Mentee", email: menteeEmail }, target);
    await createVerifiedUser({ name: "Otto Other", email: `otto-${tag}@api-e2e.test` }, target);
    const ownBooking = await hold(await cookieOf(menteeEmail), option.id, 3);
    const othersBooking = await hold(await cookieOf(`otto-${tag}@api-e2e.test`), option.id, 4);

    // The account page: create a key with two read scopes (payments left out), shown once.
    const context = await browser.newContext({
      baseURL: first.baseUrl,
      locale: "en-US",
      timezoneId: "Europe/Paris",
    });
    const { page, watch } = await signedInPage(context, menteeEmail, "/account");
    await page.getByLabel("Name", { exact: true }).fill("Calendar sync");
    await page.getByLabel("My payments").uncheck();
    await page.getByLabel("Expires").selectOption("30");
    await page.getByRole("button", { name: "Create key" }).click();
    const shown = page.getByTestId("api-key-value");
    await shown.waitFor();
    const key = (await shown.textContent()) ?? "";
    expect(key).toMatch(/^mnt_[A-Za-z]{64}$/);
    await expect.poll(() => page.getByTestId("api-key").count()).toBe(1);
    await watch.check();
    // Stored as a hash only.
    const row = await db.apiKey.findFirstOrThrow({ where: { name: "Calendar sync" } });
    expect(row.key).not.toBe(key);
    expect(row.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    // The mentor's free slots, in the time zone asked for.
    const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 6 * 86_400_000).toISOString();
    const slots = await api(
      first.baseUrl,
      `/options/${option.id}/slots?from=${from}&to=${to}&timeZone=America/New_York`,
      key,
    );
    expect(slots.status).toBe(200);
    expect(slots.body.timezone).toBe("America/New_York");
    expect((slots.body.days as unknown[]).length).toBeGreaterThan(0);

    // Its owner's booking; another person's reads as not found.
    const own = await api(first.baseUrl, `/bookings/${ownBooking}`, key);
    expect(own.status).toBe(200);
    expect(own.body.id).toBe(ownBooking);
    const others = await api(first.baseUrl, `/bookings/${othersBooking}`, key);
    expect(others.status).toBe(404);
    expect(others.body.error?.code).toBe("NOT_FOUND");

    // Payments were not granted.
    const payments = await api(first.baseUrl, "/payments", key);
    expect(payments.status).toBe(403);
    expect(payments.body.error?.code).toBe("API_KEY_SCOPE_MISSING");

    // The page shows it was used; revoking it there ends it.
    await page.reload();
    await expect.poll(() => page.getByTestId("api-key").textContent()).toContain("Last used");
    await page.getByRole("button", { name: "Revoke the key Calendar sync" }).click();
    await page.getByText("The key was revoked").waitFor();
    await watch.check();
    const revoked = await api(
      first.baseUrl,
      `/options/${option.id}/slots?from=${from}&to=${to}`,
      key,
    );
    expect(revoked.status).toBe(401);
    expect(revoked.body.error?.code).toBe("API_KEY_INVALID");
    expect(await db.apiKey.count({ where: { name: "Calendar sync" } })).toBe(0);
    await watch.done();
    await context.close();
  });

  it("a key's rate limit holds across two web processes: 429 with Retry-After", async () => {
    const email = `rita-${randomUUID().slice(0, 8)}@api-e2e.test`;
    await createVerifiedUser({ name: "Rita Rate", email }, target);
    // The account form without JavaScript: the key comes back in the page, once.
    const created = await fetch(`${first.baseUrl}/account`, {
      method: "POST",
      headers: {
        cookie: await cookieOf(email),
        origin: first.baseUrl,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams([
        ["intent", "api-key-create"],
        ["name", "Busy robot"],
        ["scope", "mentors:read"],
        ["expiresInDays", ""],
      ]).toString(),
    });
    expect(created.status).toBe(200);
    const key = (await created.text()).match(/mnt_[A-Za-z]{64}/)?.[0] ?? "";
    expect(key).not.toBe("");
    // Six calls spread over both processes spend the key's budget of six…
    for (let call = 0; call < 6; call += 1) {
      const server = call % 2 === 0 ? first : second;
      expect((await api(server.baseUrl, "/mentors?limit=1", key)).status).toBe(200);
    }
    // …so the seventh is refused, on either.
    for (const server of [first, second]) {
      const refused = await api(server.baseUrl, "/mentors?limit=1", key);
      expect(refused.status).toBe(429);
      expect(refused.body.error?.code).toBe("TOO_MANY_REQUESTS");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // No key at all: 401 with its own code.
    const anonymous = await api(first.baseUrl, "/mentors", null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe("API_KEY_REQUIRED");
  });

  it("serves a valid OpenAPI document and renders it at /api/docs", async () => {
    const response = await fetch(`${first.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const spec = (await response.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, unknown>;
    };
    const result = await validate(structuredClone(spec) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(spec.openapi).toMatch(/^3\.1/);
    expect(spec.servers[0]?.url).toBe(`${first.baseUrl}/api/v1`);
    expect(Object.keys(spec.paths)).toContain("/options/{optionId}/slots");

    const context = await browser.newContext({ baseURL: first.baseUrl, locale: "en-US" });
    const page = await context.newPage();
    const watch = watchPages(page);
    await page.goto("/api/docs");
    await page.waitForLoadState("networkidle");
    expect(await page.getByTestId("api-operation").count()).toBe(Object.keys(spec.paths).length);
    await expect.poll(() => page.getByText("GET /options/{optionId}/slots").count()).toBe(1);
    await watch.check();
    await page.setViewportSize({ width: 360, height: 800 });
    // Nothing wider than a phone: the page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await watch.done();
    await context.close();
  });
});
