/**
 * "Sign in with Google" end to end on the server, against a fake Google (./testing/fake-google.ts):
 * POST /sign-in/social (or /link-social) → Google's consent → GET /callback/google → redirect.
 *
 * The account-linking rules under test (auth.ts: accountLinking enabled, no trustedProviders):
 * - a Google sign-in joins an existing account only when Google vouches for the email
 *   (email_verified) AND the local account has verified its email;
 * - a Google account belongs to one user; linking never moves it nor merges two users;
 * - an explicit link (/link-social) needs Google's email to be the signed-in user's email.
 * Every refusal redirects to the errorCallbackURL with `?error=<code>`: the codes are pinned here
 * because the web pages translate them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import {
  authRequest,
  cookieHeaderFrom,
  createTestApp,
  signUpVerifiedUser,
  TEST_ORIGIN,
} from "../testing/index.ts";
import {
  createFakeGoogle,
  createSigningKey,
  GOOGLE_TOKEN_URL,
  type GoogleIdentity,
} from "./testing/fake-google.ts";

const CLIENT_ID = "mentora-test.apps.googleusercontent.com";
const CLIENT_SECRET = "mentora-test-secret";
const google = createFakeGoogle({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });

let app: App;
beforeAll(async () => {
  google.install();
  app = await createTestApp({ GOOGLE_CLIENT_ID: CLIENT_ID, GOOGLE_CLIENT_SECRET: CLIENT_SECRET });
});
afterAll(async () => {
  google.restore();
  await app?.close();
});
afterEach(() => {
  // better-auth called a Google endpoint the fake does not know: the fake needs updating.
  expect(google.unexpected).toEqual([]);
});

/** Cookie headers merged by name, later values winning (what a browser's jar would send). */
function mergeCookies(...headers: (string | undefined)[]): string {
  const jar = new Map<string, string>();
  for (const header of headers) {
    for (const pair of (header ?? "").split(/;\s*/)) {
      const eq = pair.indexOf("=");
      if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Whether the response sets a (non-empty) session cookie. */
function setsSession(response: Response): boolean {
  return response.headers
    .getSetCookie()
    .some((cookie) => /session_token=[^;]+/.test(cookie) && !/max-age=0/i.test(cookie));
}

async function sessionUser(cookie: string) {
  const response = await app.auth.handler(authRequest("/get-session", { headers: { cookie } }));
  const body = (await response.json()) as { user: { id: string; email: string } } | null;
  return body?.user ?? null;
}

interface FlowOptions {
  /** "/sign-in/social" (sign in or sign up) or "/link-social" (needs `cookie`). */
  via?: "/sign-in/social" | "/link-social";
  /** The browser's cookies before starting (a signed-in user's session). */
  cookie?: string;
  callbackURL?: string;
  errorCallbackURL?: string;
}

interface FlowResult {
  callback: Response;
  status: number;
  location: string | null;
  /** The browser's cookies after the callback. */
  cookie: string;
}

/** Starts the flow on our server: returns Google's authorization URL and the cookies set. */
async function start({
  via = "/sign-in/social",
  cookie,
  callbackURL = "/account",
  errorCallbackURL,
}: FlowOptions) {
  const response = await app.auth.handler(
    authRequest(via, {
      body: { provider: "google", callbackURL, ...(errorCallbackURL ? { errorCallbackURL } : {}) },
      headers: cookie ? { cookie } : {},
    }),
  );
  expect(response.status, await response.clone().text()).toBe(200);
  const { url } = (await response.json()) as { url: string };
  return { url, cookie: mergeCookies(cookie, cookieHeaderFrom(response)) };
}

/** The browser's top-level GET back from Google (no Origin header, same-site cookies sent). */
async function callback(url: URL, cookie: string): Promise<FlowResult> {
  expect(url.origin + url.pathname).toBe(`${TEST_ORIGIN}/api/auth/callback/google`);
  const response = await app.auth.handler(new Request(url, { headers: { cookie } }));
  return {
    callback: response,
    status: response.status,
    location: response.headers.get("location"),
    cookie: mergeCookies(cookie, cookieHeaderFrom(response)),
  };
}

/** The whole round trip: start, consent at Google as `identity`, come back. */
async function googleFlow(identity: GoogleIdentity, options: FlowOptions = {}) {
  const started = await start(options);
  return callback(google.consent(started.url, identity), started.cookie);
}

async function usersWithEmail(email: string) {
  return app.prisma.user.findMany({ where: { email } });
}

async function accountsOf(userId: string) {
  const accounts = await app.prisma.account.findMany({
    where: { userId },
    orderBy: { providerId: "asc" },
  });
  return accounts.map((account) => ({
    providerId: account.providerId,
    accountId: account.providerId === "credential" ? "(user id)" : account.accountId,
  }));
}

/** Everything that says who owns Google account `sub`: the rows holding it. */
async function googleAccountOwners(sub: string) {
  const rows = await app.prisma.account.findMany({
    where: { providerId: "google", accountId: sub },
  });
  return rows.map((row) => row.userId);
}

/** The sign-in page's call: web/app/routes/sign-in.tsx sends errors back to /sign-in. */
const SIGN_IN = { errorCallbackURL: "/sign-in" } as const;

describe("Google sign-in (redirect flow)", () => {
  it("1. signs a new Google user up: verified user, a google account, a session, then /account", async () => {
    const result = await googleFlow(
      {
        sub: "100000000000000000001",
        email: "nova@gmail.test",
        emailVerified: true,
        name: "Nova Lind",
      },
      SIGN_IN,
    );

    expect(result.status).toBe(302);
    expect(result.location).toBe("/account");
    expect(google.calls).toContain(`POST ${GOOGLE_TOKEN_URL}`);
    const [user, ...others] = await usersWithEmail("nova@gmail.test");
    expect(others).toEqual([]);
    expect(user).toMatchObject({ name: "Nova Lind", emailVerified: true, role: "MENTEE" });
    expect(await accountsOf(user!.id)).toEqual([
      { providerId: "google", accountId: "100000000000000000001" },
    ]);
    expect(setsSession(result.callback)).toBe(true);
    expect((await sessionUser(result.cookie))?.id).toBe(user!.id);

    // Next time, the same Google account signs the same user in.
    const again = await googleFlow(
      { sub: "100000000000000000001", email: "nova@gmail.test", emailVerified: true },
      SIGN_IN,
    );
    expect(again.location).toBe("/account");
    expect((await sessionUser(again.cookie))?.id).toBe(user!.id);
    expect(await usersWithEmail("nova@gmail.test")).toHaveLength(1);
  });

  it("2. links Google to an existing verified account when Google vouches for the email", async () => {
    const { userId } = await signUpVerifiedUser(app, { name: "Lena", email: "lena@gmail.test" });

    const result = await googleFlow(
      { sub: "100000000000000000002", email: "lena@gmail.test", emailVerified: true },
      SIGN_IN,
    );

    expect(result.status).toBe(302);
    expect(result.location).toBe("/account");
    expect((await sessionUser(result.cookie))?.id).toBe(userId);
    expect((await usersWithEmail("lena@gmail.test")).map((user) => user.id)).toEqual([userId]);
    expect(await accountsOf(userId)).toEqual([
      { providerId: "credential", accountId: "(user id)" },
      { providerId: "google", accountId: "100000000000000000002" },
    ]);
  });

  it("3. does not link when Google does not vouch for the email (email_verified false)", async () => {
    const { userId } = await signUpVerifiedUser(app, { name: "Mia", email: "mia@gmail.test" });
    const sessionsBefore = await app.prisma.session.count({ where: { userId } });

    const result = await googleFlow(
      { sub: "100000000000000000003", email: "mia@gmail.test", emailVerified: false },
      SIGN_IN,
    );

    expect(result.status).toBe(302);
    expect(result.location).toBe("/sign-in?error=account_not_linked");
    expect(setsSession(result.callback)).toBe(false);
    expect(await app.prisma.session.count({ where: { userId } })).toBe(sessionsBefore);
    expect((await usersWithEmail("mia@gmail.test")).map((user) => user.id)).toEqual([userId]);
    expect(await accountsOf(userId)).toEqual([
      { providerId: "credential", accountId: "(user id)" },
    ]);
    expect(await googleAccountOwners("100000000000000000003")).toEqual([]);

    // Without an errorCallbackURL the code lands on better-auth's own error page.
    const bare = await googleFlow({
      sub: "100000000000000000003",
      email: "mia@gmail.test",
      emailVerified: false,
    });
    expect(bare.location).toBe(`${TEST_ORIGIN}/api/auth/error?error=account_not_linked`);
  });

  it("does not link to a local account whose email was never verified, even if Google vouches", async () => {
    // Pre-account-takeover guard: someone registers the victim's email with a password and never
    // verifies it; the victim's later Google sign-in must not hand them that account.
    const signUp = await app.auth.handler(
      authRequest("/sign-up/email", {
        body: { name: "Squatter", email: "olga@gmail.test", password: "squatter password" },
      }),
    );
    expect(signUp.status).toBe(200);
    const [squatted] = await usersWithEmail("olga@gmail.test");
    expect(squatted?.emailVerified).toBe(false);

    const result = await googleFlow(
      { sub: "100000000000000000004", email: "olga@gmail.test", emailVerified: true },
      SIGN_IN,
    );

    expect(result.location).toBe("/sign-in?error=account_not_linked");
    expect(setsSession(result.callback)).toBe(false);
    expect(await accountsOf(squatted!.id)).toEqual([
      { providerId: "credential", accountId: "(user id)" },
    ]);
    expect(await googleAccountOwners("100000000000000000004")).toEqual([]);
  });

  it("reports a cancelled consent as access_denied and signs nobody in", async () => {
    const started = await start(SIGN_IN);
    const result = await callback(google.deny(started.url), started.cookie);
    expect(result.location).toBe("/sign-in?error=access_denied");
    expect(setsSession(result.callback)).toBe(false);
  });

  it("refuses a callback without this browser's state cookie (login CSRF)", async () => {
    // An attacker's own Google callback URL, opened in the victim's browser.
    const started = await start(SIGN_IN);
    const back = google.consent(started.url, {
      sub: "100000000000000000005",
      email: "mallory@gmail.test",
      emailVerified: true,
    });
    const result = await callback(back, "");
    expect(result.location).toBe("/sign-in?error=state_mismatch");
    expect(setsSession(result.callback)).toBe(false);
    expect(await usersWithEmail("mallory@gmail.test")).toEqual([]);
  });
});

describe("linking Google to the signed-in user (/link-social)", () => {
  const LINK = { via: "/link-social", errorCallbackURL: "/account" } as const;

  it("links the user's own Google account (same email, verified)", async () => {
    const me = await signUpVerifiedUser(app, { name: "Rui", email: "rui@gmail.test" });
    const result = await googleFlow(
      { sub: "100000000000000000010", email: "rui@gmail.test", emailVerified: true },
      { ...LINK, cookie: me.cookie },
    );
    expect(result.location).toBe("/account");
    expect(await accountsOf(me.userId)).toEqual([
      { providerId: "credential", accountId: "(user id)" },
      { providerId: "google", accountId: "100000000000000000010" },
    ]);
  });

  it("4. refuses a Google account already linked to another user; nothing moves", async () => {
    const sub = "100000000000000000011";
    const a = await googleFlow({ sub, email: "ana@gmail.test", emailVerified: true }, SIGN_IN);
    expect(a.location).toBe("/account");
    const userA = (await sessionUser(a.cookie))!;
    expect(await googleAccountOwners(sub)).toEqual([userA.id]);
    const b = await signUpVerifiedUser(app, { name: "Ben", email: "ben@gmail.test" });

    // B starts a link and consents with A's Google account, as Google reports it today…
    const sameAccount = await googleFlow(
      { sub, email: "ana@gmail.test", emailVerified: true },
      { ...LINK, cookie: b.cookie },
    );
    expect(sameAccount.location).toBe("/account?error=email_does_not_match");
    // …and after that Google account's address changed to B's: the ownership check refuses.
    const renamed = await googleFlow(
      { sub, email: "ben@gmail.test", emailVerified: true },
      { ...LINK, cookie: b.cookie },
    );
    expect(renamed.location).toBe("/account?error=account_already_linked_to_different_user");
    // The id_token link path refuses it too.
    const direct = await app.auth.handler(
      authRequest("/link-social", {
        body: {
          provider: "google",
          idToken: { token: google.idToken({ sub, email: "ben@gmail.test", emailVerified: true }) },
        },
        headers: { cookie: b.cookie },
      }),
    );
    expect(direct.status).toBe(409);
    expect(((await direct.json()) as { code: string }).code).toBe("SOCIAL_ACCOUNT_ALREADY_LINKED");

    for (const refused of [sameAccount, renamed]) {
      expect(setsSession(refused.callback)).toBe(false);
    }
    expect(await googleAccountOwners(sub)).toEqual([userA.id]);
    expect(await accountsOf(b.userId)).toEqual([
      { providerId: "credential", accountId: "(user id)" },
    ]);
    expect((await sessionUser(b.cookie))?.id).toBe(b.userId);
    expect(await usersWithEmail("ana@gmail.test")).toMatchObject([{ id: userA.id }]);
    // A still signs in with it.
    const aAgain = await googleFlow({ sub, email: "ana@gmail.test", emailVerified: true });
    expect((await sessionUser(aAgain.cookie))?.id).toBe(userA.id);
  });

  it("5. refuses a Google account whose email belongs to another user; A is not merged into B", async () => {
    const a = await signUpVerifiedUser(app, { name: "Ada", email: "ada@gmail.test" });
    const b = await signUpVerifiedUser(app, { name: "Bea", email: "bea@gmail.test" });
    const sub = "100000000000000000012";

    const verified = await googleFlow(
      { sub, email: "ada@gmail.test", emailVerified: true },
      { ...LINK, cookie: b.cookie },
    );
    expect(verified.location).toBe("/account?error=email_does_not_match");
    const unverified = await googleFlow(
      { sub, email: "ada@gmail.test", emailVerified: false },
      { ...LINK, cookie: b.cookie },
    );
    expect(unverified.location).toBe("/account?error=unable_to_link_account");

    for (const refused of [verified, unverified]) {
      expect(setsSession(refused.callback)).toBe(false);
    }
    expect(await googleAccountOwners(sub)).toEqual([]);
    for (const user of [a, b]) {
      expect(await accountsOf(user.userId)).toEqual([
        { providerId: "credential", accountId: "(user id)" },
      ]);
    }
    expect((await usersWithEmail("ada@gmail.test")).map((user) => user.id)).toEqual([a.userId]);
    expect((await usersWithEmail("bea@gmail.test")).map((user) => user.id)).toEqual([b.userId]);
    expect((await sessionUser(b.cookie))?.email).toBe("bea@gmail.test");
    expect((await sessionUser(a.cookie))?.email).toBe("ada@gmail.test");
  });
});

describe("id_token sign-in (POST /sign-in/social with idToken): checked against Google's JWKS", () => {
  const signInWith = (token: string) =>
    app.auth.handler(
      authRequest("/sign-in/social", { body: { provider: "google", idToken: { token } } }),
    );
  const identity = {
    sub: "100000000000000000020",
    email: "ivy@gmail.test",
    emailVerified: true,
  } satisfies GoogleIdentity;

  it("refuses a token for another client, from another issuer, expired, or signed by another key", async () => {
    const now = Math.floor(Date.now() / 1000);
    const forgeries = {
      otherAudience: google.idToken(identity, { aud: "someone-else.apps.googleusercontent.com" }),
      otherIssuer: google.idToken(identity, { iss: "https://evil.example" }),
      expired: google.idToken(identity, { iat: now - 7200, exp: now - 3600 }),
      otherKey: google.idToken(identity, {}, { ...createSigningKey(), kid: google.key.kid }),
    };
    for (const [name, token] of Object.entries(forgeries)) {
      const response = await signInWith(token);
      expect(response.status, name).toBe(401);
      expect(((await response.json()) as { code: string }).code, name).toBe("INVALID_TOKEN");
      expect(setsSession(response), name).toBe(false);
    }
    expect(await usersWithEmail("ivy@gmail.test")).toEqual([]);
  });

  it("accepts a token Google signed for this client", async () => {
    const response = await signInWith(google.idToken(identity));
    expect(response.status).toBe(200);
    expect(setsSession(response)).toBe(true);
    expect(google.calls).toContain("GET https://www.googleapis.com/oauth2/v3/certs");
    const [user] = await usersWithEmail("ivy@gmail.test");
    expect(await accountsOf(user!.id)).toEqual([{ providerId: "google", accountId: identity.sub }]);
  });
});

describe("a new Google user whose email Google does not vouch for", () => {
  it("is refused: no user, no account, no session", async () => {
    const result = await googleFlow(
      {
        sub: "100000000000000000099",
        email: "claim@gmail.test",
        emailVerified: false,
        name: "Claimer",
      },
      SIGN_IN,
    );
    expect(result.location).toContain("/sign-in?error=email_not_verified_by_provider");
    expect(setsSession(result.callback)).toBe(false);
    expect(await usersWithEmail("claim@gmail.test")).toEqual([]);
    expect(await googleAccountOwners("100000000000000000099")).toEqual([]);
  });
});
