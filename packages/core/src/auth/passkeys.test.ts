import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { CLIENT_IP_HEADER } from "../client-ip/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import {
  authRequest,
  callerFor,
  cookieHeaderFrom,
  createTestApp,
  signUpVerifiedUser,
  TEST_ORIGIN,
} from "../testing/index.ts";
import { opensVerifiedSession, PASSKEY_SIGN_IN_PATH } from "./account-guards.ts";
import { hasPassedSecondFactor } from "./session-policy.ts";
import { softwareAuthenticator } from "./testing/software-authenticator.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp({
    ADMIN_REQUIRE_2FA: "true",
    FRESH_SESSION_MINUTES: "15",
    RATE_LIMITS: "passkey-ip=3",
  });
});
afterAll(() => app?.close());

type Authenticator = ReturnType<typeof softwareAuthenticator>;

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return errorCodeOf(error);
  }
}

function auth(path: string, cookie: string, body?: unknown) {
  return app.auth.handler(authRequest(path, { body, headers: cookie ? { cookie } : {} }));
}

function withChallenge(cookie: string, options: Response) {
  return [cookie, cookieHeaderFrom(options)].filter(Boolean).join("; ");
}

async function register(cookie: string, key: Authenticator, name = "Laptop") {
  const options = await auth("/passkey/generate-register-options", cookie);
  if (!options.ok) return options;
  const response = key.register(
    (await options.clone().json()) as Parameters<Authenticator["register"]>[0],
  );
  return auth("/passkey/verify-registration", withChallenge(cookie, options), { response, name });
}

/** A passkey sign-in from a browser that may already hold a session cookie. */
async function signInWith(key: Authenticator, cookie = "") {
  const options = await auth("/passkey/generate-authenticate-options", cookie);
  expect(options.status).toBe(200);
  const response = key.authenticate(
    (await options.clone().json()) as Parameters<Authenticator["authenticate"]>[0],
  );
  return auth(PASSKEY_SIGN_IN_PATH, withChallenge(cookie, options), { response });
}

function tokenOf(cookie: string) {
  return decodeURIComponent(cookie.match(/session_token=([^;]+)/)?.[1] ?? "").split(".")[0];
}

async function admin(email: string) {
  const signedUp = await signUpVerifiedUser(app, { name: "Pat Key", email });
  await app.prisma.user.update({ where: { id: signedUp.userId }, data: { role: "ADMIN" } });
  return signedUp;
}

describe("the second-factor marker", () => {
  it("opens verified through TOTP, a backup code or a passkey sign-in; nothing else", () => {
    expect(opensVerifiedSession("/two-factor/verify-totp")).toBe(true);
    expect(opensVerifiedSession("/two-factor/verify-backup-code")).toBe(true);
    expect(opensVerifiedSession("/passkey/verify-authentication")).toBe(true);
    expect(opensVerifiedSession("/sign-in/email")).toBe(false);
    expect(opensVerifiedSession("/passkey/verify-registration")).toBe(false);
    expect(opensVerifiedSession(undefined)).toBe(false);
    expect(hasPassedSecondFactor({ twoFactorVerified: true })).toBe(true);
    expect(hasPassedSecondFactor({ twoFactorVerified: false })).toBe(false);
    expect(hasPassedSecondFactor(null)).toBe(false);
  });
});

describe("passkeys (ADMIN_REQUIRE_2FA=true)", () => {
  it("a passkey-only admin signs in with the key and acts; a deleted key no longer signs in", async () => {
    const { cookie, userId } = await admin("pat@passkeys.test");
    const caller = await callerFor(app, { cookie });
    expect(await codeOf(caller.admin.payouts.queue({}))).toBe("TWO_FACTOR_REQUIRED");

    const key = softwareAuthenticator(TEST_ORIGIN);
    const registered = await register(cookie, key);
    expect(registered.status).toBe(200);
    const row = await app.prisma.passkey.findFirstOrThrow({ where: { userId } });
    expect(row).toMatchObject({ name: "Laptop", credentialID: key.id });
    // Registering is not a second factor for the session that did it.
    expect(await codeOf(caller.admin.payouts.queue({}))).toBe("TWO_FACTOR_REQUIRED");

    const signedIn = await signInWith(key);
    expect(signedIn.status).toBe(200);
    const passkeyCookie = cookieHeaderFrom(signedIn);
    const session = await app.prisma.session.findUniqueOrThrow({
      where: { token: tokenOf(passkeyCookie) },
    });
    expect(session).toMatchObject({ userId, twoFactorVerified: true });
    expect(
      await codeOf((await callerFor(app, { cookie: passkeyCookie })).admin.payouts.queue({})),
    ).toBe("resolved");

    // Another device signed in with the same key (say, a stolen laptop).
    const elsewhere = cookieHeaderFrom(await signInWith(key));
    const deleted = await auth("/passkey/delete-passkey", passkeyCookie, { id: row.id });
    expect(deleted.status).toBe(200);
    // Deleting the key un-verifies every other session; the one that deleted it keeps acting.
    expect(
      await codeOf((await callerFor(app, { cookie: elsewhere })).admin.payouts.queue({})),
    ).toBe("TWO_FACTOR_REQUIRED");
    expect(
      await codeOf((await callerFor(app, { cookie: passkeyCookie })).admin.payouts.queue({})),
    ).toBe("resolved");
    const refused = await signInWith(key);
    expect(refused.status).toBe(401);
    expect(refused.headers.getSetCookie().some((c) => c.includes("session_token="))).toBe(false);
  });

  it("someone else's passkey does not vouch for the session cookie sent along", async () => {
    const victim = await admin("victim@passkeys.test");
    const attacker = await signUpVerifiedUser(app, {
      name: "Mallory",
      email: "mallory@passkeys.test",
    });
    const key = softwareAuthenticator(TEST_ORIGIN);
    expect((await register(attacker.cookie, key)).status).toBe(200);

    const answer = await signInWith(key, victim.cookie);
    expect(answer.status).toBe(200);
    const victimSession = await app.prisma.session.findUniqueOrThrow({
      where: { token: tokenOf(victim.cookie) },
    });
    expect(victimSession.twoFactorVerified).toBe(false);
    expect(
      await codeOf((await callerFor(app, { cookie: victim.cookie })).admin.payouts.queue({})),
    ).toBe("TWO_FACTOR_REQUIRED");
  });

  it("refuses a key that does not verify the person, an answer made for another origin, and a stale session", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Quinn",
      email: "quinn@passkeys.test",
    });
    const presenceOnly = await register(
      cookie,
      softwareAuthenticator(TEST_ORIGIN, { userVerified: false }),
    );
    expect(presenceOnly.status).toBe(401);
    expect(((await presenceOnly.json()) as { code: string }).code).toBe(
      "PASSKEY_USER_NOT_VERIFIED",
    );

    // A phishing page relays our challenge: the browser signs its own origin, not ours.
    // (The plugin answers every failed registration check with 500 FAILED_TO_VERIFY_REGISTRATION.)
    const phished = await register(cookie, softwareAuthenticator("https://mentora.evil.test"));
    expect(phished.ok).toBe(false);
    expect(((await phished.json()) as { code: string }).code).toBe("FAILED_TO_VERIFY_REGISTRATION");

    const longName = await register(cookie, softwareAuthenticator(TEST_ORIGIN), "N".repeat(51));
    expect(longName.status).toBe(400);
    expect(await app.prisma.passkey.count({ where: { userId } })).toBe(0);

    // Adding a key is a sensitive change: only within FRESH_SESSION_MINUTES of signing in.
    await app.prisma.session.updateMany({
      where: { token: tokenOf(cookie) },
      data: { createdAt: new Date(Date.now() - 16 * 60_000) },
    });
    const stale = await register(cookie, softwareAuthenticator(TEST_ORIGIN));
    expect(stale.status).toBe(403);
    expect(await app.prisma.passkey.count({ where: { userId } })).toBe(0);
  });

  it("a deleted account's key opens nothing, even if a row were left behind", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Gone Soon",
      email: "gone@passkeys.test",
    });
    const key = softwareAuthenticator(TEST_ORIGIN);
    expect((await register(cookie, key)).status).toBe(200);
    await app.prisma.user.update({ where: { id: userId }, data: { deletedAt: new Date() } });
    await app.prisma.session.deleteMany({ where: { userId } });
    const refused = await signInWith(key);
    expect(refused.status).toBe(401);
    expect(await app.prisma.session.count({ where: { userId } })).toBe(0);
  });

  it("limits the passkey sign-ins one IP starts (each stores a challenge)", async () => {
    const start = () =>
      app.auth.handler(
        authRequest("/passkey/generate-authenticate-options", {
          headers: { [CLIENT_IP_HEADER]: "203.0.113.7" },
        }),
      );
    for (let i = 0; i < 3; i += 1) expect((await start()).status).toBe(200);
    const refused = await start();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
