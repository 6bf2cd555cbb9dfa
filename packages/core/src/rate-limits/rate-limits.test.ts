import { createPool } from "@mentora/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { CLIENT_IP_HEADER } from "../client-ip/index.ts";
import { AppError } from "../errors/index.ts";
import {
  authRequest,
  createTestApp,
  deliverQueuedEmails,
  signUpVerifiedUser,
} from "../testing/index.ts";
import {
  createRateLimits,
  emailKey,
  ipKey,
  lockoutSeconds,
  parseRateLimitOverrides,
  resolvePolicies,
  retryAfterOf,
} from "./index.ts";

describe("lockout ladder", () => {
  it("doubles from 1 minute up to 1 hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(lockoutSeconds)).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
  });
});

describe("RATE_LIMITS", () => {
  it("overrides points and duration per policy", () => {
    const policies = resolvePolicies(parseRateLimitOverrides("sign-in-ip=50, mutation=300/30"));
    expect(policies["sign-in-ip"]).toMatchObject({ points: 50, durationSeconds: 900 });
    expect(policies.mutation).toMatchObject({ points: 300, durationSeconds: 30 });
    expect(policies["booking-hold"].points).toBe(30);
  });

  it("refuses unknown policies and malformed entries", () => {
    expect(() => parseRateLimitOverrides("sign-in=5")).toThrow(/policy among/);
    expect(() => parseRateLimitOverrides("mutation=lots")).toThrow();
    expect(() => parseRateLimitOverrides("mutation=0")).toThrow();
  });
});

describe("keys", () => {
  it("hide the address and fold case; collapse an IPv6 /64", () => {
    expect(emailKey(" Bo@Example.com ")).toBe(emailKey("bo@example.com"));
    expect(emailKey("bo@example.com")).not.toContain("example");
    expect(ipKey("2001:db8:1:2:aaaa::1")).toBe(ipKey("2001:db8:1:2:bbbb::9"));
    expect(ipKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });
});

let app: App;
beforeAll(async () => {
  app = await createTestApp({ RATE_LIMITS: "sign-in-email=3,sign-in-ip=5,sign-up-email=2" });
});
afterAll(async () => {
  await app?.close();
});
beforeEach(async () => {
  await app.rateLimits.reset();
});

async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return retryAfterOf(error);
  }
  return undefined;
}

/** Pretends the current lock of `key` ran out (no waiting in tests). */
async function expire(prefix: string, key: string) {
  await app.pool.query("UPDATE rate_limit SET expire = 0 WHERE key = $1", [`${prefix}:${key}`]);
}

describe("sign-in lockout (Postgres)", () => {
  const who = { email: "target@limits.test", ip: "198.51.100.1" };

  it("locks an address after N failures, once, then twice as long the next time", async () => {
    const limits = app.rateLimits;
    expect(await limits.signInFailed(who)).toEqual({ lockedOutSeconds: 0, newLockout: false });
    await limits.signInFailed({ ...who, ip: "198.51.100.2" });
    await limits.assertSignInAllowed(who);
    // The third failure, from yet another IP, locks the address for 1 minute.
    expect(await limits.signInFailed({ ...who, ip: "198.51.100.3" })).toEqual({
      lockedOutSeconds: 60,
      newLockout: true,
    });
    const wait = await refusal(limits.assertSignInAllowed({ ...who, ip: "203.0.113.50" }));
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);

    // The lock runs out; three more failures: 2 minutes this time.
    await expire("sign-in-email", emailKey(who.email));
    await limits.assertSignInAllowed(who);
    for (let i = 0; i < 2; i += 1) await limits.signInFailed(who);
    expect(await limits.signInFailed(who)).toEqual({ lockedOutSeconds: 120, newLockout: true });
    expect(await refusal(limits.assertSignInAllowed(who))).toBeGreaterThan(60);
  });

  it("a success clears the address's failures", async () => {
    const limits = app.rateLimits;
    await limits.signInFailed(who);
    await limits.signInFailed(who);
    await limits.signInSucceeded(who);
    await limits.signInFailed(who);
    await limits.signInFailed(who);
    await limits.assertSignInAllowed(who);
  });

  it("blocks an IP spraying many addresses", async () => {
    for (let i = 0; i < 5; i += 1) {
      await app.rateLimits.signInFailed({ email: `spray${i}@limits.test`, ip: "192.0.2.77" });
    }
    const wait = await refusal(
      app.rateLimits.assertSignInAllowed({ email: "fresh@limits.test", ip: "192.0.2.77" }),
    );
    expect(wait).toBeGreaterThan(800);
    await app.rateLimits.assertSignInAllowed({ email: "fresh@limits.test", ip: "192.0.2.78" });
  });

  it("counts concurrent failures from two limiters (two processes) once, with one lockout", async () => {
    const pool = createPool(String(app.pool.options.connectionString), { max: 4 });
    try {
      const other = createRateLimits({ pool, policies: app.config.rateLimits });
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? other : app.rateLimits).signInFailed({ email: "race@limits.test", ip: null }),
        ),
      );
      expect(results.filter((result) => result.newLockout)).toHaveLength(1);
      expect(
        await refusal(other.assertSignInAllowed({ email: "race@limits.test", ip: null })),
      ).toBe(60);
    } finally {
      await pool.end();
    }
  });
});

describe("consume", () => {
  it("refuses past the points with the time left, and ignores an unknown key", async () => {
    await app.rateLimits.consume("sign-up-email", "k");
    await app.rateLimits.consume("sign-up-email", "k");
    const wait = await refusal(app.rateLimits.consume("sign-up-email", "k"));
    expect(wait).toBeGreaterThan(3500);
    for (let i = 0; i < 5; i += 1) await app.rateLimits.consume("sign-up-email", null);
  });
});

describe("better-auth endpoints", () => {
  const ip = "203.0.113.20";
  const signIn = (email: string, password: string, from = ip) =>
    app.auth.handler(
      authRequest("/sign-in/email", {
        body: { email, password },
        headers: { [CLIENT_IP_HEADER]: from },
      }),
    );

  it("answer 429 with Retry-After after repeated failures, and mail the owner once", async () => {
    await signUpVerifiedUser(app, { name: "Owner", email: "owner@limits.test" });
    await deliverQueuedEmails(app);
    for (let i = 0; i < 3; i += 1) {
      expect((await signIn("owner@limits.test", "wrong password!", `198.18.0.${i}`)).status).toBe(
        401,
      );
    }
    const locked = await signIn("owner@limits.test", "correct horse battery", "198.18.0.9");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // More refused attempts do not mail again.
    await signIn("owner@limits.test", "wrong password!");
    await deliverQueuedEmails(app);
    const notices = await app.prisma.outboxEmail.findMany({
      where: { to: "owner@limits.test", subject: { contains: "Failed sign-ins" } },
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain("1 min");
  });

  it("a right password resets the count; a wrong one for an unknown address counts too", async () => {
    await signUpVerifiedUser(app, { name: "Ok", email: "ok@limits.test" });
    await signIn("ok@limits.test", "wrong password!");
    await signIn("ok@limits.test", "wrong password!");
    expect((await signIn("ok@limits.test", "correct horse battery")).status).toBe(200);
    await signIn("ok@limits.test", "wrong password!");
    await signIn("ok@limits.test", "wrong password!");
    expect((await signIn("ok@limits.test", "correct horse battery")).status).toBe(200);

    for (let i = 0; i < 3; i += 1)
      await signIn("ghost@limits.test", "wrong password!", `10.9.0.${i}`);
    expect((await signIn("ghost@limits.test", "wrong password!")).status).toBe(429);
  });

  it("limit sign-ups per address, and tell a known address's owner", async () => {
    await signUpVerifiedUser(app, { name: "Known", email: "known@limits.test" });
    await deliverQueuedEmails(app);
    const signUp = () =>
      app.auth.handler(
        authRequest("/sign-up/email", {
          body: { name: "X", email: "known@limits.test", password: "another password" },
          headers: { [CLIENT_IP_HEADER]: ip },
        }),
      );
    // signUpVerifiedUser's own sign-up had no IP header but counted for the address.
    expect((await signUp()).status).toBe(200);
    const refused = await signUp();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).not.toBeNull();
    await deliverQueuedEmails(app);
    const notices = await app.prisma.outboxEmail.findMany({
      where: { to: "known@limits.test", subject: { contains: "tried to create" } },
    });
    expect(notices).toHaveLength(1);
  });

  it("limit password-reset and verification emails per address and per IP", async () => {
    const post = (path: string, email: string, from: string) =>
      app.auth.handler(
        authRequest(path, { body: { email }, headers: { [CLIENT_IP_HEADER]: from } }),
      );
    for (const path of ["/request-password-reset", "/send-verification-email"]) {
      for (let i = 0; i < 3; i += 1) {
        expect((await post(path, "someone@limits.test", `198.18.1.${i}`)).status).toBe(200);
      }
      const refused = await post(path, "someone@limits.test", "198.18.1.50");
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // Per IP: ten addresses from one place, then refused for an eleventh.
      for (let i = 0; i < 10; i += 1) {
        expect((await post(path, `other${i}@limits.test`, "198.18.2.1")).status).toBe(200);
      }
      expect((await post(path, "other-new@limits.test", "198.18.2.1")).status).toBe(429);
    }
  });
});

describe("leased policies (decision 055)", () => {
  /** Two processes' limiters on one database, each on its own pool whose queries are counted. */
  async function twoProcesses(points: number, lease: number) {
    const policies = {
      ...app.config.rateLimits,
      "webhook-ip": { points, durationSeconds: 60, lease },
    };
    const pools = [0, 1].map(() =>
      createPool(String(app.pool.options.connectionString), { max: 4 }),
    );
    const queries = [0, 0];
    pools.forEach((pool, index) => {
      const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
      (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
        queries[index] = (queries[index] ?? 0) + 1;
        return query(...args);
      };
    });
    const limits = pools.map((pool) => createRateLimits({ pool, policies }));
    return { limits, queries, end: () => Promise.all(pools.map((pool) => pool.end())) };
  }

  it("two processes together spend exactly the points, in a tenth of the round trips", async () => {
    const { limits, queries, end } = await twoProcesses(500, 10);
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 520 }, (_, i) =>
          (limits[i % 2] ?? app.rateLimits).consume("webhook-ip", "203.0.113.50").then(
            () => "spent",
            (error: unknown) => retryAfterOf(error),
          ),
        ),
      );
      expect(outcomes.filter((outcome) => outcome === "spent")).toHaveLength(500);
      const waits = outcomes.filter((outcome) => outcome !== "spent");
      expect(waits).toHaveLength(20);
      expect(waits.every((wait) => typeof wait === "number" && wait >= 1 && wait <= 60)).toBe(true);
      const roundTrips = (queries[0] ?? 0) + (queries[1] ?? 0);
      expect(roundTrips).toBeLessThanOrEqual(60);

      // Past the limit a process refuses from memory (after at most one look at the shared
      // counter, for a lease it had spent): a flood costs Postgres nothing.
      await expect(limits[0]?.consume("webhook-ip", "203.0.113.50")).rejects.toThrow();
      const before = [...queries];
      for (let i = 0; i < 50; i += 1) {
        await expect(limits[0]?.consume("webhook-ip", "203.0.113.50")).rejects.toThrow();
      }
      expect(queries[0]).toBe(before[0]);
      // Another key has its own points.
      await limits[0]?.consume("webhook-ip", "203.0.113.51");
    } finally {
      await end();
    }
  });

  it("grants the points left when they are fewer than a lease, then refuses", async () => {
    const { limits, end } = await twoProcesses(505, 10);
    try {
      const [first, second] = limits;
      for (let i = 0; i < 505; i += 1) await first?.consume("webhook-ip", "203.0.113.60");
      const wait = await refusal(first?.consume("webhook-ip", "203.0.113.60") ?? Promise.resolve());
      expect(wait).toBeGreaterThanOrEqual(1);
      // The other process finds the shared counter spent.
      expect(
        await refusal(second?.consume("webhook-ip", "203.0.113.60") ?? Promise.resolve()),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      await end();
    }
  });

  it("counts a small limit request by request: two processes alternate to the last point", async () => {
    const { limits, queries, end } = await twoProcesses(3, 10);
    try {
      const [first, second] = limits;
      await first?.consume("webhook-ip", "203.0.113.65");
      await second?.consume("webhook-ip", "203.0.113.65");
      await first?.consume("webhook-ip", "203.0.113.65");
      expect(
        await refusal(second?.consume("webhook-ip", "203.0.113.65") ?? Promise.resolve()),
      ).toBeGreaterThanOrEqual(1);
      expect((queries[0] ?? 0) + (queries[1] ?? 0)).toBeGreaterThanOrEqual(4);
    } finally {
      await end();
    }
  });

  it("keys a canonical IPv4 address as is and any other spelling through ipaddr", () => {
    expect(ipKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipKey("010.0.0.1")).toBe("8.0.0.1");
    expect(ipKey("192.168.001.1")).toBe("192.168.1.1");
    expect(ipKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipKey("not an address")).toBe("not an address");
  });

  it("a reset forgets the leases too", async () => {
    const policies = {
      ...app.config.rateLimits,
      "webhook-ip": { points: 100, durationSeconds: 60, lease: 5 },
    };
    const limits = createRateLimits({ pool: app.pool, policies });
    for (let i = 0; i < 100; i += 1) await limits.consume("webhook-ip", "203.0.113.70");
    expect(await refusal(limits.consume("webhook-ip", "203.0.113.70"))).toBeGreaterThanOrEqual(1);
    await limits.reset();
    await limits.consume("webhook-ip", "203.0.113.70");
  });
});
