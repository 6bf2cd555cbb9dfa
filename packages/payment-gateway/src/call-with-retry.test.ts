import { describe, expect, it } from "vitest";
import { callWithRetry } from "./call-with-retry.ts";
import { GatewayError, parseRetryAfter } from "./errors.ts";

const policy = { attempts: 3, baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 5_000 };

describe("callWithRetry honours Retry-After", () => {
  it("waits at least what the provider asked before the next attempt", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await callWithRetry(
      async () => {
        calls += 1;
        if (calls === 1) {
          throw new GatewayError("retryable", "t", "rate_limited", "slow down", {
            retryAfterMs: 3_000,
          });
        }
        return "ok";
      },
      policy,
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(result).toBe("ok");
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBe(3_000);
  });

  it("gives up at once when the provider asks for more than the cap", async () => {
    let calls = 0;
    const waits: number[] = [];
    const error = new GatewayError("retryable", "t", "provider_unavailable", "down", {
      retryAfterMs: 60_000,
    });
    await expect(
      callWithRetry(
        async () => {
          calls += 1;
          throw error;
        },
        policy,
        async (ms) => {
          waits.push(ms);
        },
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it("without Retry-After, backs off within the policy's bounds", async () => {
    const waits: number[] = [];
    await expect(
      callWithRetry(
        async () => {
          throw new GatewayError("retryable", "t", "network", "refused");
        },
        policy,
        async (ms) => {
          waits.push(ms);
        },
      ),
    ).rejects.toBeInstanceOf(GatewayError);
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(policy.maxDelayMs);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates; ignores garbage", () => {
    const now = Date.parse("2026-12-04T12:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Fri, 04 Dec 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Fri, 04 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
