import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import {
  authRequest,
  callerFor,
  cookieHeaderFrom,
  createTestApp,
  signUpVerifiedUser,
} from "../testing/index.ts";

const PASSWORD = "correct horse battery";
let app: App;
beforeAll(async () => {
  app = await createTestApp({ ADMIN_REQUIRE_2FA: "true", SESSION_ABSOLUTE_DAYS: "30" });
});
afterAll(() => app?.close());

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return errorCodeOf(error);
  }
}

async function auth(path: string, cookie: string, body?: unknown) {
  return app.auth.handler(authRequest(path, { body, headers: { cookie } }));
}

async function sessionOf(cookie: string) {
  return (await (await auth("/get-session", cookie)).json()) as { user: { id: string } } | null;
}

async function signIn(email: string) {
  const response = await app.auth.handler(
    authRequest("/sign-in/email", { body: { email, password: PASSWORD } }),
  );
  return { response, cookie: cookieHeaderFrom(response) };
}

/** Moves the session of this cookie back in time, as if it were opened `ms` ago. */
async function ageSession(cookie: string, ms: number) {
  const session = await sessionOf(cookie);
  if (!session) throw new Error("no session");
  const token = decodeURIComponent(cookie.match(/session_token=([^;]+)/)?.[1] ?? "").split(".")[0];
  await app.prisma.session.update({
    where: { token },
    data: { createdAt: new Date(Date.now() - ms) },
  });
}

function totpOf(uri: string) {
  return OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
}

describe("profile fields through the auth API", () => {
  it("refuses a timezone, a locale or an unbounded name on update-user; the name still changes within bounds", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Tara Zone",
      email: "tara@accounts.test",
    });
    const mars = await auth("/update-user", cookie, { timezone: "Mars/Olympus" });
    expect(mars.status).toBe(400);
    const locale = await auth("/update-user", cookie, { locale: "xx-<script>" });
    expect(locale.status).toBe(400);
    const long = await auth("/update-user", cookie, { name: "N".repeat(10_000) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { code: string }).code).toBe("INVALID_NAME");
    const row = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row).toMatchObject({ name: "Tara Zone", timezone: null, locale: null });

    expect((await auth("/update-user", cookie, { name: "Tara Z." })).status).toBe(200);
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: userId } })).name).toBe(
      "Tara Z.",
    );
  });

  it("refuses a 10 kB name at sign-up", async () => {
    const response = await app.auth.handler(
      authRequest("/sign-up/email", {
        body: { name: "N".repeat(10_000), email: "long@accounts.test", password: PASSWORD },
      }),
    );
    expect(response.status).toBe(400);
    expect(await app.prisma.user.count({ where: { email: "long@accounts.test" } })).toBe(0);
  });
});

describe("session lifetime", () => {
  it("a password change ends every other session, even when the client asks to keep them", async () => {
    const { cookie: first } = await signUpVerifiedUser(app, {
      name: "Paul Word",
      email: "paul@accounts.test",
    });
    const { cookie: second } = await signIn("paul@accounts.test");
    expect(await sessionOf(second)).not.toBeNull();
    const change = await auth("/change-password", first, {
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
      revokeOtherSessions: false,
    });
    expect(change.status).toBe(200);
    expect(await sessionOf(second)).toBeNull();
  });

  it("refuses a session older than SESSION_ABSOLUTE_DAYS, however recently renewed, and deletes it", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Olga Old",
      email: "olga@accounts.test",
    });
    expect(await codeOf((await callerFor(app, { cookie })).account.me())).toBe("resolved");
    await ageSession(cookie, 31 * 24 * 60 * 60_000);
    expect(await codeOf((await callerFor(app, { cookie })).account.me())).toBe("UNAUTHORIZED");
    expect(await app.prisma.session.count({ where: { userId } })).toBe(0);
  });

  it("the auth API's get-session reads a session past its absolute lifetime as none", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Gus Get",
      email: "gus@accounts.test",
    });
    expect(await sessionOf(cookie)).not.toBeNull();
    await ageSession(cookie, 31 * 24 * 60 * 60_000);
    const response = await auth("/get-session", cookie);
    expect(await response.json()).toBeNull();
    // The browser is told to drop the cookie, and the row is gone.
    expect(response.headers.getSetCookie().join(";")).toMatch(/session_token=;/);
    expect(await app.prisma.session.count({ where: { userId } })).toBe(0);
  });

  it("refuses an absolute-expired session on the auth API's own session actions", async () => {
    const { cookie } = await signUpVerifiedUser(app, {
      name: "Otto Old",
      email: "otto@accounts.test",
    });
    await ageSession(cookie, 31 * 24 * 60 * 60_000);
    const response = await auth("/update-user", cookie, { name: "Otto" });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe("SESSION_EXPIRED");
  });

  it("a money action asks for a fresh sign-in after 15 minutes; signing in again allows it", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Mia Money",
      email: "mia@accounts.test",
    });
    await app.prisma.user.update({ where: { id: userId }, data: { role: "MENTOR" } });
    await ageSession(cookie, 16 * 60_000);
    const method = { kind: "SANDBOX" as const, account: "acct-mia" };
    const stale = await callerFor(app, { cookie });
    expect(await codeOf(stale.payouts.setMethod(method))).toBe("FRESH_SIGN_IN_REQUIRED");
    // Reading is not a money action.
    expect(await codeOf(stale.payouts.getMethod())).toBe("resolved");
    const { cookie: fresh } = await signIn("mia@accounts.test");
    expect(await codeOf((await callerFor(app, { cookie: fresh })).payouts.setMethod(method))).toBe(
      "resolved",
    );
  });
});

describe("admin two-factor", () => {
  it("refuses admin procedures until TOTP is enrolled; the next sign-in asks for a code or a backup code", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Ada Admin",
      email: "ada@accounts.test",
    });
    await app.prisma.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
    const before = await callerFor(app, { cookie });
    expect(await codeOf(before.admin.payouts.queue({}))).toBe("TWO_FACTOR_REQUIRED");

    // Enrol: password → secret and backup codes; the first code from the app verifies it.
    const enable = await auth("/two-factor/enable", cookie, { password: PASSWORD });
    expect(enable.status).toBe(200);
    const { totpURI, backupCodes } = (await enable.json()) as {
      totpURI: string;
      backupCodes: string[];
    };
    expect(backupCodes).toHaveLength(10);
    const totp = totpOf(totpURI);
    // Not enrolled until verified: still refused.
    expect(await codeOf(before.admin.payouts.queue({}))).toBe("TWO_FACTOR_REQUIRED");
    const verify = await auth("/two-factor/verify-totp", cookie, { code: totp.generate() });
    expect(verify.status).toBe(200);
    const enrolled = cookieHeaderFrom(verify);
    expect(await codeOf((await callerFor(app, { cookie: enrolled })).admin.payouts.queue({}))).toBe(
      "resolved",
    );

    // A password alone opens no session any more.
    const { response: password, cookie: challenge } = await signIn("ada@accounts.test");
    expect(((await password.json()) as { twoFactorRedirect?: boolean }).twoFactorRedirect).toBe(
      true,
    );
    expect(challenge).toContain("two_factor=");
    expect(await sessionOf(challenge)).toBeNull();
    const wrong = await auth("/two-factor/verify-totp", challenge, { code: "000000" });
    expect(wrong.status).toBe(401);
    const backup = await auth("/two-factor/verify-backup-code", challenge, {
      code: backupCodes[0],
    });
    expect(backup.status).toBe(200);
    const viaBackup = cookieHeaderFrom(backup);
    expect(
      await codeOf((await callerFor(app, { cookie: viaBackup })).admin.payouts.queue({})),
    ).toBe("resolved");
    // Each backup code works once.
    const { cookie: again } = await signIn("ada@accounts.test");
    const reused = await auth("/two-factor/verify-backup-code", again, { code: backupCodes[0] });
    expect(reused.status).toBe(401);
  });

  it("an enrolled admin whose session did not pass the second factor confirms it with a code", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Abe Admin",
      email: "abe@accounts.test",
    });
    await app.prisma.user.update({ where: { id: userId }, data: { role: "ADMIN" } });
    const enable = await auth("/two-factor/enable", cookie, { password: PASSWORD });
    const totp = totpOf(((await enable.json()) as { totpURI: string }).totpURI);
    const enrolled = cookieHeaderFrom(
      await auth("/two-factor/verify-totp", cookie, { code: totp.generate() }),
    );
    // As a session opened without the second factor (Google sign-in) would be.
    await app.prisma.session.updateMany({ where: { userId }, data: { twoFactorVerified: false } });
    expect(await codeOf((await callerFor(app, { cookie: enrolled })).admin.payouts.queue({}))).toBe(
      "TWO_FACTOR_REQUIRED",
    );
    const confirm = await auth("/two-factor/verify-totp", enrolled, {
      code: totp.generate({ timestamp: Date.now() + 30_000 }),
    });
    expect(confirm.status).toBe(200);
    expect(await codeOf((await callerFor(app, { cookie: enrolled })).admin.payouts.queue({}))).toBe(
      "resolved",
    );
  });
});
