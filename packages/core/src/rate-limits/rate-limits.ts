import { createHash } from "node:crypto";
import ipaddr from "ipaddr.js";
import type { Pool } from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors/index.ts";
import {
  lockout,
  lockoutSeconds,
  type PolicyLimit,
  type PolicyName,
  policyNames,
} from "./policies.ts";

/** The table our migration creates (rate-limiter-flexible's own layout). */
const TABLE = "rate_limit";

/** What a refused attempt carries: how long until the next one may succeed. */
export interface RetryAfter {
  retryAfterSeconds: number;
}

export interface SignInFailure {
  /** Seconds the address is now locked out (0: not locked). */
  lockedOutSeconds: number;
  /** True for the one failure that started this lockout (the owner is told once). */
  newLockout: boolean;
}

export interface RateLimits {
  /**
   * Spends one point of `policy` for `key`; throws AppError TOO_MANY_REQUESTS with
   * `retryAfterSeconds` when the key has none left. A null key (unknown IP) is not limited.
   */
  consume(policy: PolicyName, key: string | null): Promise<void>;
  /** Sign-in: refuses (AppError TOO_MANY_REQUESTS) an IP or address that is locked out. */
  assertSignInAllowed(input: { email: string; ip: string | null }): Promise<void>;
  /** Counts a failed sign-in for the IP and the address; starts a lockout at the limit. */
  signInFailed(input: { email: string; ip: string | null }): Promise<SignInFailure>;
  /** A successful sign-in clears the address's failure count (not its lockout history). */
  signInSucceeded(input: { email: string }): Promise<void>;
  /** Test helper: forgets every counter. */
  reset(): Promise<void>;
}

/** Keys never hold an address in clear, and stay within the table's 255 characters. */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
}

/** A canonical dotted IPv4 address (no leading zeros): its own key, as ipaddr would give it. */
const CANONICAL_IPV4 =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** An IPv6 client usually owns a whole /64: count it as one. */
export function ipKey(ip: string): string {
  // The common case without ipaddr's parsers (tried IPv6 first: a tenth of a webhook's CPU).
  if (CANONICAL_IPV4.test(ip)) return ip;
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}

export function userKey(userId: string): string {
  return `user:${userId}`;
}

function tooManyRequests(msBeforeNext: number): AppError {
  return new AppError("TOO_MANY_REQUESTS", {
    retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
  } satisfies RetryAfter);
}

/** The seconds a refused attempt must wait, from an error the limiter (or we) threw. */
export function retryAfterOf(error: unknown): number | undefined {
  if (error instanceof AppError && error.code === "TOO_MANY_REQUESTS") {
    const seconds = error.details?.retryAfterSeconds;
    return typeof seconds === "number" ? seconds : undefined;
  }
  return undefined;
}

/** consume() rejects with a RateLimiterRes when the points are spent, with an Error on failure. */
async function spend(
  limiter: RateLimiterPostgres,
  key: string,
  points = 1,
): Promise<RateLimiterRes> {
  try {
    return await limiter.consume(key, points);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  }
}

/** Points this process took from a key's shared counter and has not spent yet. */
interface Lease {
  remaining: number;
  /** When the shared window ends (ms since the epoch): the lease is void after. */
  until: number;
  /** The shared counter had no point left: refuse here until `until`, without asking Postgres. */
  exhausted: boolean;
}

/**
 * Points a process takes at once for this policy (1: every request asks Postgres). A lease never
 * exceeds 2 % of the points, so what a process may hold unspent stays small beside the limit; a
 * small limit (RATE_LIMITS=webhook-ip=3) is counted request by request, exactly as before.
 */
function leaseOf(limit: PolicyLimit): number {
  if (!limit.lease || limit.blockSeconds) return 1;
  return Math.max(1, Math.min(limit.lease, Math.floor(limit.points / 50)));
}

/** Past this many leased keys, ended leases are swept (dropping one only under-uses points). */
const MAX_LEASES = 10_000;

/**
 * The rate limits of every process, counted in Postgres (one `rate_limit` row per policy and
 * key): two web processes see the same counters, and a restart forgets nothing.
 */
export function createRateLimits(input: {
  pool: Pool;
  policies: Record<PolicyName, PolicyLimit>;
}): RateLimits {
  const { pool, policies } = input;
  const make = (keyPrefix: string, points: number, duration: number, clearExpired: boolean) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      keyPrefix,
      points,
      duration,
      // One limiter sweeps expired rows of the shared table (every 5 minutes, timer unref'd).
      clearExpiredByTimeout: clearExpired,
    });
  const limiters = Object.fromEntries(
    policyNames.map((name, index) => [
      name,
      make(name, policies[name].points, policies[name].durationSeconds, index === 0),
    ]),
  ) as Record<PolicyName, RateLimiterPostgres>;
  // How many lockouts an address had lately: the next one lasts twice as long.
  const lockouts = make("sign-in-lockouts", 1_000_000, lockout.memorySeconds, false);

  /** Milliseconds a failure-counted key must still wait (0: it may try). */
  async function waitOf(policy: PolicyName, key: string): Promise<number> {
    const res = await limiters[policy].get(key);
    if (!res || res.consumedPoints < policies[policy].points) return 0;
    return res.msBeforeNext;
  }

  async function fail(policy: PolicyName, key: string, blockSeconds: () => Promise<number>) {
    const res = await spend(limiters[policy], key);
    // Exactly one failure reaches the limit (the counter is atomic across processes).
    const limit = policies[policy].points;
    if (res.consumedPoints !== limit) {
      return { seconds: res.consumedPoints > limit ? res.msBeforeNext / 1000 : 0, first: false };
    }
    const seconds = await blockSeconds();
    await limiters[policy].block(key, seconds);
    return { seconds, first: true };
  }

  const leases = new Map<string, Lease>();
  const leasing = new Map<string, Promise<Lease>>();

  /** Takes up to `size` points of the shared counter; the ones granted are this process's. */
  async function takeLease(policy: PolicyName, key: string, size: number): Promise<Lease> {
    const res = await spend(limiters[policy], key, size);
    const { points } = policies[policy];
    // The counter is atomic: what it held before our `size` decides how many of them are ours.
    const before = res.consumedPoints - size;
    const lease = {
      remaining: Math.max(0, Math.min(size, points - before)),
      until: Date.now() + res.msBeforeNext,
      exhausted: res.consumedPoints >= points,
    };
    if (leases.size >= MAX_LEASES) {
      const now = Date.now();
      for (const [id, held] of leases) if (held.until <= now) leases.delete(id);
      if (leases.size >= MAX_LEASES) leases.clear();
    }
    leases.set(`${policy}:${key}`, lease);
    return lease;
  }

  /** consume() for a leased policy: most calls never leave the process. */
  async function consumeLeased(policy: PolicyName, key: string, size: number): Promise<void> {
    const id = `${policy}:${key}`;
    for (;;) {
      let lease = leases.get(id);
      if (!lease || lease.until <= Date.now() || (lease.remaining === 0 && !lease.exhausted)) {
        // Concurrent callers wait for the same lease instead of each taking one.
        let pending = leasing.get(id);
        if (!pending) {
          pending = takeLease(policy, key, size).finally(() => leasing.delete(id));
          leasing.set(id, pending);
        }
        lease = await pending;
      }
      if (lease.remaining > 0) {
        lease.remaining -= 1;
        return;
      }
      if (lease.exhausted) throw tooManyRequests(Math.max(0, lease.until - Date.now()));
      // Callers that waited with us spent this lease first: take another.
    }
  }

  return {
    async consume(policy, key) {
      if (key === null) return;
      const limit = policies[policy];
      const lease = leaseOf(limit);
      if (lease > 1) return consumeLeased(policy, key, lease);
      const res = await spend(limiters[policy], key);
      if (res.consumedPoints <= limit.points) return;
      if (limit.blockSeconds && res.consumedPoints === limit.points + 1) {
        await limiters[policy].block(key, limit.blockSeconds);
        throw tooManyRequests(limit.blockSeconds * 1000);
      }
      throw tooManyRequests(res.msBeforeNext);
    },

    async assertSignInAllowed({ email, ip }) {
      const waits = await Promise.all([
        waitOf("sign-in-email", emailKey(email)),
        ip ? waitOf("sign-in-ip", ipKey(ip)) : 0,
      ]);
      const wait = Math.max(...waits);
      if (wait > 0) throw tooManyRequests(wait);
    },

    async signInFailed({ email, ip }) {
      const key = emailKey(email);
      const [byEmail] = await Promise.all([
        fail("sign-in-email", key, async () => {
          const count = await spend(lockouts, key);
          return lockoutSeconds(count.consumedPoints);
        }),
        ip
          ? fail("sign-in-ip", ipKey(ip), async () => {
              const limit = policies["sign-in-ip"];
              return limit.blockSeconds ?? limit.durationSeconds;
            })
          : null,
      ]);
      return { lockedOutSeconds: Math.ceil(byEmail.seconds), newLockout: byEmail.first };
    },

    async signInSucceeded({ email }) {
      await limiters["sign-in-email"].delete(emailKey(email));
    },

    async reset() {
      leases.clear();
      await pool.query(`DELETE FROM ${TABLE}`);
    },
  };
}
