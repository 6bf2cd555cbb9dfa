import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { CLIENT_IP_HEADER } from "../client-ip/index.ts";
import {
  authRequest,
  callerFor,
  contextFor,
  cookieHeaderFrom,
  createTestApp,
  deliverQueuedEmails,
  signUpVerifiedUser,
} from "../testing/index.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp({ SESSION_EXPIRES_IN_DAYS: "30", SESSION_UPDATE_AGE_HOURS: "1" });
});
afterAll(() => app?.close());

async function getSession(cookie: string) {
  const response = await app.auth.handler(authRequest("/get-session", { headers: { cookie } }));
  return (await response.json()) as { user: { email: string; name: string } } | null;
}

describe("email + password over HTTP", () => {
  it("signs up, verifies through the outbox, signs in and reads the session", async () => {
    const signUp = await app.auth.handler(
      authRequest("/sign-up/email", {
        body: { name: "Zoé Martin", email: "zoe@auth.test", password: "correct horse battery" },
        headers: { "accept-language": "fr-FR" },
      }),
    );
    expect(signUp.status).toBe(200);
    // Unverified: no session yet, and sign-in is refused with a stable code.
    expect(cookieHeaderFrom(signUp)).not.toContain("session_token");
    const early = await app.auth.handler(
      authRequest("/sign-in/email", {
        body: { email: "zoe@auth.test", password: "correct horse battery" },
      }),
    );
    expect(early.status).toBe(403);
    expect(((await early.json()) as { code: string }).code).toBe("EMAIL_NOT_VERIFIED");

    expect(await deliverQueuedEmails(app)).toBeGreaterThanOrEqual(1);
    const mail = await app.prisma.outboxEmail.findFirstOrThrow({ where: { to: "zoe@auth.test" } });
    // The mail follows the browser's language at sign-up.
    expect(mail.text).toContain("Zoé");
    expect(mail.subject).not.toBe("");
    const link = new URL(mail.text.match(/https?:\/\/\S+verify-email\S+/)![0]);
    expect(link.origin).toBe("http://localhost:3000");
    const verify = await app.auth.handler(authRequest(`/verify-email${link.search}`));
    expect(verify.status).toBeLessThan(400);
    const user = await app.prisma.user.findUniqueOrThrow({ where: { email: "zoe@auth.test" } });
    expect(user.emailVerified).toBe(true);

    const signIn = await app.auth.handler(
      authRequest("/sign-in/email", {
        body: { email: "zoe@auth.test", password: "correct horse battery" },
        headers: { "user-agent": "MentoraTest/1.0", [CLIENT_IP_HEADER]: "203.0.113.7" },
      }),
    );
    expect(signIn.status).toBe(200);
    const cookie = cookieHeaderFrom(signIn);
    expect((await getSession(cookie))?.user.name).toBe("Zoé Martin");

    const stored = await app.prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.userAgent).toBe("MentoraTest/1.0");
    expect(stored.ipAddress).toBe("203.0.113.7");
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    await signUpVerifiedUser(app, { name: "Bo", email: "bo@auth.test" });
    for (const body of [
      { email: "bo@auth.test", password: "wrong password!" },
      { email: "nobody@auth.test", password: "wrong password!" },
    ]) {
      const response = await app.auth.handler(authRequest("/sign-in/email", { body }));
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe("INVALID_EMAIL_OR_PASSWORD");
    }
  });

  it("does not create a second account for the same email, nor reveal that it exists", async () => {
    const response = await app.auth.handler(
      authRequest("/sign-up/email", {
        body: { name: "Bo again", email: "bo@auth.test", password: "another password" },
      }),
    );
    // better-auth answers as for a new sign-up (no account enumeration) and changes nothing.
    expect(cookieHeaderFrom(response)).not.toContain("session_token");
    const users = await app.prisma.user.findMany({ where: { email: "bo@auth.test" } });
    expect(users.map((user) => user.name)).toEqual(["Bo"]);
    const oldPassword = await app.auth.handler(
      authRequest("/sign-in/email", {
        body: { email: "bo@auth.test", password: "correct horse battery" },
      }),
    );
    expect(oldPassword.status).toBe(200);
  });

  it("refuses a cookie-carrying request from a foreign origin (CSRF)", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Gus",
      email: "gus@auth.test",
    });
    const response = await app.auth.handler(
      authRequest("/sign-out", {
        method: "POST",
        body: {},
        headers: { cookie, origin: "https://evil.example" },
      }),
    );
    expect(response.status).toBe(403);
    expect(await app.prisma.session.count({ where: { userId } })).toBe(1);
  });
});

describe("sessions", () => {
  it("last 30 days by default", async () => {
    const { userId } = await signUpVerifiedUser(app, { name: "Cy", email: "cy@auth.test" });
    const session = await app.prisma.session.findFirstOrThrow({ where: { userId } });
    const days = (session.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it("expire: an expired session reads as signed out", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Di",
      email: "di@auth.test",
    });
    await app.prisma.session.updateMany({
      where: { userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await getSession(cookie)).toBeNull();
    await expect((await callerFor(app, { cookie })).account.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("are renewed when used after the update age", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, { name: "Ed", email: "ed@auth.test" });
    // Pretend the session was issued two hours ago (update age is one hour in this app).
    const issued = Date.now() - 2 * 3_600_000;
    await app.prisma.session.updateMany({
      where: { userId },
      data: { expiresAt: new Date(issued + 30 * 86_400_000), updatedAt: new Date(issued) },
    });
    // Through the tRPC context, as every page load does: the renewed cookie is passed on.
    const ctx = await contextFor(app, { cookie });
    expect(ctx.session?.user.email).toBe("ed@auth.test");
    expect(ctx.resHeaders.getSetCookie().join(";")).toContain("session_token");
    const renewed = await app.prisma.session.findFirstOrThrow({ where: { userId } });
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29.9 * 86_400_000);
  });

  it("sign-out revokes the session on the server, not just the cookie", async () => {
    const { cookie, userId } = await signUpVerifiedUser(app, {
      name: "Flo",
      email: "flo@auth.test",
    });
    const signOut = await app.auth.handler(
      authRequest("/sign-out", { method: "POST", body: {}, headers: { cookie } }),
    );
    expect(signOut.status).toBe(200);
    expect(await app.prisma.session.count({ where: { userId } })).toBe(0);
    // Replaying the old cookie does not bring the session back.
    expect(await getSession(cookie)).toBeNull();
  });
});
