import type { App } from "@mentora/core";
import { beforeAll, describe, expect, it } from "vitest";
import { getCaller } from "./trpc.server";

// getCaller's sharing (decision 065): the loaders of one request (Remix hands each a copy of
// the Request) share one context through the load context; nothing else does.
const sessionLookups: (string | null)[] = [];
beforeAll(() => {
  const services = {
    config: { network: { trustedProxies: { kind: "none" } } },
    auth: {
      api: {
        getSession: async ({ headers }: { headers: Headers }) => {
          sessionLookups.push(headers.get("cookie"));
          return { headers: new Headers(), response: null };
        },
      },
    },
  } as unknown as App;
  globalThis.__mentoraServices = Promise.resolve(services);
});

const page = "http://localhost/mentors/m1";
/** A loader's copy of the request, as Remix makes it (`new Request(url, { headers, … })`). */
const copyOf = (request: Request, url = request.url) =>
  new Request(url, { method: request.method, headers: request.headers });

describe("getCaller", () => {
  it("shares one context between the loaders of one request (one session lookup)", async () => {
    sessionLookups.length = 0;
    const context = { clientAddress: "203.0.113.5" };
    const original = new Request(`${page}?index`, { headers: { cookie: "s=alice" } });
    const root = await getCaller({ request: copyOf(original, page), context });
    const route = await getCaller({ request: copyOf(original, page), context });
    expect(route.ctx).toBe(root.ctx);
    expect(sessionLookups).toEqual(["s=alice"]);
  });

  it("never shares between requests of different headers, even through one context object", async () => {
    sessionLookups.length = 0;
    const context = { clientAddress: "203.0.113.5" };
    const alice = await getCaller({
      request: new Request(page, { headers: { cookie: "s=alice" } }),
      context,
    });
    const bob = await getCaller({
      request: new Request(page, { headers: { cookie: "s=bob" } }),
      context,
    });
    expect(bob.ctx).not.toBe(alice.ctx);
    expect(sessionLookups).toEqual(["s=alice", "s=bob"]);
  });

  it("gives an action its own context, and the loaders after it a fresh one", async () => {
    sessionLookups.length = 0;
    const context = { clientAddress: "203.0.113.5" };
    const headers = { cookie: "s=alice" };
    const action = await getCaller({
      request: new Request(page, { method: "POST", headers, body: "x" }),
      context,
    });
    const loader = await getCaller({ request: new Request(page, { headers }), context });
    expect(loader.ctx).not.toBe(action.ctx);
    expect(sessionLookups).toHaveLength(2);
  });

  it("without a load context, shares only per Request object", async () => {
    const request = new Request(page);
    const first = await getCaller(request);
    expect((await getCaller(request)).ctx).toBe(first.ctx);
    expect((await getCaller(new Request(page))).ctx).not.toBe(first.ctx);
  });
});
