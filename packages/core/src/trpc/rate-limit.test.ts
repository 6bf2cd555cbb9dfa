import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { callerFor, createTestApp, signUpVerifiedUser } from "../testing/index.ts";
import { createContext } from "./context.ts";
import { appRouter } from "./router.ts";

let app: App;
let cookie: string;
beforeAll(async () => {
  app = await createTestApp({ RATE_LIMITS: "mutation=3/600,booking-hold=1" });
  ({ cookie } = await signUpVerifiedUser(app, { name: "Busy", email: "busy@trpc-limit.test" }));
});
afterAll(() => app?.close());

const call = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost:3000/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...headers },
      body: JSON.stringify({ json: body }),
    }),
    router: appRouter,
    createContext: ({ req, resHeaders }) =>
      createContext({
        services: app,
        headers: req.headers,
        resHeaders,
        clientAddress: "192.0.2.5",
      }),
  });

describe("tRPC mutation limit", () => {
  it("answers TOO_MANY_REQUESTS with the retry time and Retry-After, per user", async () => {
    await app.rateLimits.reset();
    for (let i = 0; i < 3; i += 1) {
      expect((await call("account.updatePreferences", { name: `Busy ${i}` })).status).toBe(200);
    }
    const refused = await call("account.updatePreferences", { name: "Busy 4" });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(500);
    const body = (await refused.json()) as {
      error: { json: { data: { code: string; details: { retryAfterSeconds: number } } } };
    };
    expect(body.error.json.data.code).toBe("TOO_MANY_REQUESTS");
    expect(body.error.json.data.details.retryAfterSeconds).toBe(retryAfter);
    // Queries are not counted.
    const me = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost:3000/api/trpc/account.me", { headers: { cookie } }),
      router: appRouter,
      createContext: ({ req, resHeaders }) =>
        createContext({ services: app, headers: req.headers, resHeaders }),
    });
    expect(me.status).toBe(200);
  });

  it("limits booking holds per user before touching the calendar", async () => {
    await app.rateLimits.reset();
    const caller = await callerFor(app, { cookie });
    const hold = () =>
      caller.bookings.hold({
        optionId: "no-such-option",
        startsAt: new Date("2030-01-07T09:00:00Z"),
      });
    const first = await hold().catch((error: unknown) => error);
    expect(errorCodeOf(first)).not.toBe("TOO_MANY_REQUESTS");
    const second = await hold().catch((error: unknown) => error);
    expect(errorCodeOf(second)).toBe("TOO_MANY_REQUESTS");
  });
});
