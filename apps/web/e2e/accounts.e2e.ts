import { randomBytes } from "node:crypto";
import { createPrismaClient, type Db } from "@mentora/db";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./context.ts";
import {
  addPaidOffering,
  createMentor,
  createVerifiedUser,
  creditAvailable,
  PASSWORD,
  type Target,
} from "./db.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

/**
 * Issue #11 over HTTP against the BUILT server (no browser): admin two-factor, fresh sign-in
 * for money actions, absolute session lifetime, password change, and profile fields that could
 * break pages for everybody. Its own server pair with ADMIN_REQUIRE_2FA=true (production's
 * default) on a database of its own.
 */
let servers: ServerPair;
let db: Db;
let target: Target;

beforeAll(async () => {
  servers = await startServerPair(inject("webDbRun"), {
    label: "accounts",
    env: { ADMIN_REQUIRE_2FA: "true", SESSION_ABSOLUTE_DAYS: "30", FRESH_SESSION_MINUTES: "15" },
  });
  db = createPrismaClient({ connectionString: servers.databaseUrl });
  target = { baseUrl: servers.baseUrl, db };
});

afterAll(async () => {
  await db?.$disconnect();
  await servers?.stop();
});

const email = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}@example.com`;

/** The `name=value` pairs a response sets (expired ones included, as a browser would drop). */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

function tokenOf(cookie: string): string {
  const value = decodeURIComponent(cookie.match(/session_token=([^;]+)/)?.[1] ?? "");
  return value.split(".")[0] ?? "";
}

async function authCall(path: string, body: unknown, cookie = "") {
  return fetch(`${servers.baseUrl}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: servers.baseUrl, cookie },
    body: JSON.stringify(body),
  });
}

async function signIn(userEmail: string, password = PASSWORD) {
  const response = await authCall("/sign-in/email", { email: userEmail, password });
  expect(response.status).toBe(200);
  return { response, cookie: cookiesOf(response) };
}

type TrpcResult = { ok: true; data: unknown } | { ok: false; code: string; status: number };

/** One tRPC call over HTTP (superjson envelope), as the browser's client makes it. */
async function trpc(
  kind: "query" | "mutation",
  path: string,
  input: unknown,
  cookie: string,
): Promise<TrpcResult> {
  const envelope = JSON.stringify({ json: input });
  const response =
    kind === "query"
      ? await fetch(`${servers.baseUrl}/api/trpc/${path}?input=${encodeURIComponent(envelope)}`, {
          headers: { cookie },
        })
      : await fetch(`${servers.baseUrl}/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: servers.baseUrl, cookie },
          body: envelope,
        });
  const body = (await response.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { data: { code: string } } };
  };
  if (body.result) return { ok: true, data: body.result.data.json };
  return { ok: false, code: body.error?.json.data.code ?? "?", status: response.status };
}

async function page(path: string, cookie = "") {
  return fetch(`${servers.baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });
}

/** A Remix form post without JavaScript: the action answers with a redirect. */
async function formPost(path: string, fields: Record<string, string>, cookie: string) {
  return fetch(`${servers.baseUrl}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: servers.baseUrl,
      cookie,
    },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

async function ageSession(cookie: string, minutes: number) {
  await db.session.update({
    where: { token: tokenOf(cookie) },
    data: { createdAt: new Date(Date.now() - minutes * 60_000) },
  });
}

/** A mentor with earnings, a sandbox method and a REQUESTED payout; returns the payout id. */
async function requestedPayout(): Promise<string> {
  const mentorEmail = email("payee");
  const mentor = await createMentor({ name: "Nina Payee", email: mentorEmail }, target);
  await creditAvailable(db, mentor.id, 5_000);
  const { cookie } = await signIn(mentorEmail);
  expect(
    await trpc("mutation", "payouts.setMethod", { kind: "SANDBOX", account: "e2e" }, cookie),
  ).toMatchObject({ ok: true });
  const request = await trpc(
    "mutation",
    "payouts.request",
    { currency: "EUR", amountMinor: 3_000 },
    cookie,
  );
  expect(request).toMatchObject({ ok: true });
  return (request as { data: { id: string } }).data.id;
}

async function newAdmin() {
  const adminEmail = email("admin");
  const admin = await createVerifiedUser({ name: "Alex Admin", email: adminEmail }, target);
  await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  return { ...admin, email: adminEmail };
}

describe("admin two-factor (ADMIN_REQUIRE_2FA=true)", () => {
  it("an admin without 2FA cannot approve a payout or refund; after enrolling with TOTP they can", async () => {
    const payoutId = await requestedPayout();
    const admin = await newAdmin();
    const { cookie } = await signIn(admin.email);

    // The admin pages send them to enrolment, and come back after.
    const adminPage = await page("/admin/payouts", cookie);
    expect(adminPage.status).toBe(302);
    expect(adminPage.headers.get("location")).toBe(
      "/account/two-factor?redirectTo=%2Fadmin%2Fpayouts",
    );
    expect((await page("/account/two-factor?redirectTo=%2Fadmin%2Fpayouts", cookie)).status).toBe(
      200,
    );

    const approve = () =>
      trpc("mutation", "admin.payouts.approve", { payoutIds: [payoutId] }, current);
    let current = cookie;
    expect(await approve()).toMatchObject({ ok: false, code: "TWO_FACTOR_REQUIRED", status: 403 });
    const refund = await trpc(
      "mutation",
      "admin.payments.refund",
      {
        paymentId: "no-such-payment",
        amountMinor: 100,
        reason: "test",
        requestKey: randomBytes(8).toString("hex"),
      },
      cookie,
    );
    expect(refund).toMatchObject({ ok: false, code: "TWO_FACTOR_REQUIRED" });
    expect((await db.payout.findUniqueOrThrow({ where: { id: payoutId } })).status).toBe(
      "REQUESTED",
    );

    // Enrol: password → otpauth URI and backup codes; the first code from the app turns it on.
    const enable = await authCall("/two-factor/enable", { password: PASSWORD }, cookie);
    expect(enable.status).toBe(200);
    const { totpURI, backupCodes } = (await enable.json()) as {
      totpURI: string;
      backupCodes: string[];
    };
    expect(backupCodes.length).toBe(10);
    const totp = OTPAuth.URI.parse(totpURI) as OTPAuth.TOTP;
    const verify = await authCall("/two-factor/verify-totp", { code: totp.generate() }, cookie);
    expect(verify.status).toBe(200);
    current = cookiesOf(verify);
    expect(tokenOf(current)).not.toBe("");

    const approved = await approve();
    expect(approved).toMatchObject({ ok: true, data: { results: [{ id: payoutId, ok: true }] } });
    expect((await db.payout.findUniqueOrThrow({ where: { id: payoutId } })).status).not.toBe(
      "REQUESTED",
    );
    // A refund now passes the guards and meets the payment's own check.
    expect(
      await trpc(
        "mutation",
        "admin.payments.refund",
        {
          paymentId: "no-such-payment",
          amountMinor: 100,
          reason: "test",
          requestKey: randomBytes(8).toString("hex"),
        },
        current,
      ),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await page("/admin/payouts", current)).status).toBe(200);

    // The next sign-in: the password alone gives no session; the code page finishes it.
    const { response, cookie: viaApi } = await signIn(admin.email);
    expect(((await response.json()) as { twoFactorRedirect?: boolean }).twoFactorRedirect).toBe(
      true,
    );
    expect(tokenOf(viaApi)).toBe("");
    expect(await trpc("query", "admin.payouts.queue", {}, viaApi)).toMatchObject({
      ok: false,
      code: "UNAUTHORIZED",
    });
    // Through the sign-in page: it sends the person to the code step, keeping the destination.
    const signInPage = await formPost(
      "/sign-in?redirectTo=%2Fadmin%2Fpayouts",
      { intent: "password", email: admin.email, password: PASSWORD },
      "",
    );
    expect(signInPage.status).toBe(302);
    expect(signInPage.headers.get("location")).toBe(
      "/sign-in/two-factor?redirectTo=%2Fadmin%2Fpayouts",
    );
    const pending = cookiesOf(signInPage);
    expect(tokenOf(pending)).toBe("");
    const wrongCode = await formPost(
      "/sign-in/two-factor?redirectTo=%2Fadmin%2Fpayouts",
      { method: "totp", code: "000000" },
      pending,
    );
    expect(wrongCode.status).toBe(200);
    const step = await formPost(
      "/sign-in/two-factor?redirectTo=%2Fadmin%2Fpayouts",
      { method: "backup", code: backupCodes[0] as string },
      pending,
    );
    expect(step.status).toBe(302);
    expect(step.headers.get("location")).toBe("/admin/payouts");
    const viaBackup = cookiesOf(step);
    expect(await trpc("query", "admin.payouts.queue", {}, viaBackup)).toMatchObject({ ok: true });
  });
});

describe("fresh sign-in for money actions", () => {
  it("a session older than 15 minutes gets FRESH_SIGN_IN_REQUIRED; re-authenticating returns to the page and allows it", async () => {
    const mentorEmail = email("stale");
    await createMentor({ name: "Sam Stale", email: mentorEmail }, target);
    const { cookie } = await signIn(mentorEmail);
    await ageSession(cookie, 16);
    const method = { kind: "SANDBOX", account: "stale" };
    expect(await trpc("mutation", "payouts.setMethod", method, cookie)).toMatchObject({
      ok: false,
      code: "FRESH_SIGN_IN_REQUIRED",
      status: 403,
    });
    // Reading stays open.
    expect(await trpc("query", "payouts.getMethod", undefined, cookie)).toMatchObject({ ok: true });
    // The page's form is sent to sign in again, and back to the page after.
    const viaPage = await formPost(
      "/mentor/payouts",
      { intent: "method", kind: "SANDBOX", account: "stale" },
      cookie,
    );
    expect(viaPage.status).toBe(302);
    expect(viaPage.headers.get("location")).toBe("/reauth?redirectTo=%2Fmentor%2Fpayouts");
    expect((await page("/reauth?redirectTo=%2Fmentor%2Fpayouts", cookie)).status).toBe(200);

    const reauth = await formPost(
      "/reauth?redirectTo=%2Fmentor%2Fpayouts",
      { intent: "password", password: PASSWORD },
      cookie,
    );
    expect(reauth.status).toBe(302);
    expect(reauth.headers.get("location")).toBe("/mentor/payouts");
    const fresh = cookiesOf(reauth);
    expect(await trpc("mutation", "payouts.setMethod", method, fresh)).toMatchObject({ ok: true });
    // The stale session ended with the new sign-in.
    expect(await db.session.count({ where: { token: tokenOf(cookie) } })).toBe(0);

    // A wrong password keeps the person on the page.
    const wrong = await formPost(
      "/reauth?redirectTo=%2Fmentor%2Fpayouts",
      { intent: "password", password: "not the password" },
      fresh,
    );
    expect(wrong.status).toBe(200);
  });

  it("an enrolled admin's stale session cannot approve a payout", async () => {
    const payoutId = await requestedPayout();
    const admin = await newAdmin();
    const { cookie } = await signIn(admin.email);
    // Enrolment through its page: the key is shown as text, the first code turns it on.
    const start = await formPost(
      "/account/two-factor?redirectTo=%2Fadmin%2Fpayouts",
      { intent: "start", password: PASSWORD },
      cookie,
    );
    expect(start.status).toBe(200);
    const html = await start.text();
    const uri = html.match(/otpauth:\/\/[^"<]+/)?.[0]?.replaceAll("&amp;", "&");
    expect(uri).toBeDefined();
    expect(html.match(/data-testid="backup-codes"/)).not.toBeNull();
    const totp = OTPAuth.URI.parse(uri as string) as OTPAuth.TOTP;
    const verify = await formPost(
      "/account/two-factor?redirectTo=%2Fadmin%2Fpayouts",
      { intent: "verify", code: totp.generate(), totpURI: uri as string },
      cookie,
    );
    expect(verify.status).toBe(302);
    expect(verify.headers.get("location")).toBe("/admin/payouts");
    const enrolled = cookiesOf(verify);
    expect(await trpc("query", "admin.payouts.queue", {}, enrolled)).toMatchObject({ ok: true });
    await ageSession(enrolled, 16);
    expect(
      await trpc("mutation", "admin.payouts.approve", { payoutIds: [payoutId] }, enrolled),
    ).toMatchObject({
      ok: false,
      code: "FRESH_SIGN_IN_REQUIRED",
    });
    expect(
      await trpc(
        "mutation",
        "admin.payouts.reject",
        { payoutIds: [payoutId], reason: "no" },
        enrolled,
      ),
    ).toMatchObject({
      ok: false,
      code: "FRESH_SIGN_IN_REQUIRED",
    });
    expect((await db.payout.findUniqueOrThrow({ where: { id: payoutId } })).status).toBe(
      "REQUESTED",
    );
  });
});

describe("session lifetime", () => {
  it("a session past SESSION_ABSOLUTE_DAYS is refused and deleted, though its expiry was renewed", async () => {
    const userEmail = email("old");
    await createVerifiedUser({ name: "Olive Old", email: userEmail }, target);
    const { cookie } = await signIn(userEmail);
    expect(await trpc("query", "account.me", undefined, cookie)).toMatchObject({ ok: true });
    await db.session.update({
      where: { token: tokenOf(cookie) },
      data: {
        createdAt: new Date(Date.now() - 31 * 24 * 60 * 60_000),
        expiresAt: new Date(Date.now() + 29 * 24 * 60 * 60_000),
      },
    });
    expect(await trpc("query", "account.me", undefined, cookie)).toMatchObject({
      ok: false,
      code: "UNAUTHORIZED",
    });
    expect(await db.session.count({ where: { token: tokenOf(cookie) } })).toBe(0);
    const account = await page("/account", cookie);
    expect(account.status).toBe(302);
    expect(account.headers.get("location")).toContain("/sign-in");
  });

  it("changing the password ends the user's other sessions", async () => {
    const userEmail = email("pw");
    await createVerifiedUser({ name: "Pia Word", email: userEmail }, target);
    const { cookie: laptop } = await signIn(userEmail);
    const { cookie: thief } = await signIn(userEmail);
    expect(await trpc("query", "account.me", undefined, thief)).toMatchObject({ ok: true });
    const change = await authCall(
      "/change-password",
      {
        currentPassword: PASSWORD,
        newPassword: "another long passphrase",
        revokeOtherSessions: false,
      },
      laptop,
    );
    expect(change.status).toBe(200);
    expect(await trpc("query", "account.me", undefined, thief)).toMatchObject({
      ok: false,
      code: "UNAUTHORIZED",
    });
  });
});

describe("profile fields that could break pages for everybody", () => {
  it("update-user refuses an unknown timezone and a 10 kB name; the directory and the mentor page answer 200 even with a bad row", async () => {
    const userEmail = email("mars");
    const mentor = await createMentor({ name: "Marc Mars", email: userEmail }, target);
    await addPaidOffering(mentor.id, target);
    const { cookie } = await signIn(userEmail);

    const mars = await authCall("/update-user", { timezone: "Mars/Olympus" }, cookie);
    expect(mars.status).toBe(400);
    const long = await authCall("/update-user", { name: "N".repeat(10_000) }, cookie);
    expect(long.status).toBe(400);
    const signUp = await authCall("/sign-up/email", {
      name: "N".repeat(10_000),
      email: email("long"),
      password: PASSWORD,
    });
    expect(signUp.status).toBe(400);
    expect(await db.user.findUniqueOrThrow({ where: { id: mentor.id } })).toMatchObject({
      name: "Marc Mars",
      timezone: "Europe/Paris",
    });

    // A row broken some other way (written before this fix, or by hand): pages still answer.
    const other = await createMentor({ name: "Aline Fine", email: email("fine") }, target);
    await addPaidOffering(other.id, target);
    await db.user.update({
      where: { id: mentor.id },
      data: { timezone: "Mars/Olympus", name: `Marc ${"M".repeat(10_000)}` },
    });
    const directory = await page("/mentors?within=7");
    expect(directory.status).toBe(200);
    expect(await directory.text()).toContain("Aline Fine");
    const search = await trpc("query", "directory.search", { availableWithinDays: 7 }, "");
    expect(search).toMatchObject({ ok: true });
    expect(
      (search as { data: { items: { name: string }[] } }).data.items.map((item) => item.name),
    ).toContain("Aline Fine");
    expect((await page(`/mentors/${mentor.id}`)).status).toBe(200);
    expect((await page(`/mentors/${other.id}`)).status).toBe(200);
  });
});
