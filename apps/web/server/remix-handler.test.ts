import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResourceRouteHandler, pathnameOf } from "./remix-handler.ts";

// The data lane's direct call of a resource route (decision 059): what Remix does for one.
const handled: unknown[] = [];
const build = {
  entry: { module: { handleError: (error: unknown) => handled.push(error) } },
  routes: {
    "routes/data": {
      id: "routes/data",
      module: {
        loader: async ({ request, context }: { request: Request; context: unknown }) => {
          const url = new URL(request.url);
          if (url.searchParams.has("throw-response")) throw new Response("teapot", { status: 418 });
          if (url.searchParams.has("throw")) throw new Error("boom: secret detail");
          if (url.searchParams.has("object")) return { not: "a response" };
          return Response.json({ url: request.url, context }, { headers: { "x-one": "1" } });
        },
        action: async ({ request }: { request: Request }) =>
          new Response(`posted ${(await request.text()).length}`, {
            headers: [
              ["set-cookie", "a=1"],
              ["set-cookie", "b=2"],
            ],
          }),
      },
    },
    "routes/read-only": { id: "routes/read-only", module: { loader: async () => new Response() } },
    "routes/stream": {
      id: "routes/stream",
      module: {
        // Three chunks at once (as React writes a shell), then two more once the first batch
        // has reached the socket (as deferred data would): batching must not hold them back.
        loader: async () =>
          new Response(
            new ReadableStream<Uint8Array>({
              async start(controller) {
                for (const part of ["a", "b", "c"]) controller.enqueue(Buffer.from(part));
                await firstWrite.promise;
                for (const part of ["d", "e"]) controller.enqueue(Buffer.from(part));
                controller.close();
              },
            }),
          ),
      },
    },
    "routes/page": { id: "routes/page", module: { default: () => null } },
  },
} as unknown as ServerBuild;

let firstWritten = () => {};
const firstWrite = { promise: new Promise<void>((resolve) => (firstWritten = resolve)) };
/** What the stream route's response saw: each write, and "flush" where compression would be. */
const streamed: string[] = [];
/** The bodies the whole-answer route handed to its sender. */
const wholes: { body: string; length: unknown }[] = [];

let server: Server;
let base: string;
beforeAll(async () => {
  const context = () => ({ clientAddress: "peer", cspNonce: "" });
  const data = createResourceRouteHandler({
    build,
    routeId: "routes/data",
    getLoadContext: context,
  });
  const readOnly = createResourceRouteHandler({
    build,
    routeId: "routes/read-only",
    getLoadContext: context,
  });
  const stream = createResourceRouteHandler({
    build,
    routeId: "routes/stream",
    getLoadContext: context,
  });
  const whole = createResourceRouteHandler({
    build,
    routeId: "routes/data",
    getLoadContext: context,
    sendWhole: (_req, res, body) => {
      wholes.push({ body: body.toString(), length: res.getHeader("content-length") });
      res.end(body);
    },
  });
  server = createServer((req, res) => {
    if (pathnameOf(req) === "/stream") {
      const write = res.write.bind(res) as (chunk: Uint8Array) => boolean;
      res.write = ((chunk: Uint8Array) => {
        streamed.push(Buffer.from(chunk).toString());
        firstWritten();
        return write(chunk);
      }) as typeof res.write;
      (res as unknown as { flush: () => void }).flush = () => streamed.push("flush");
      void stream(req, res, () => res.destroy());
      return;
    }
    if (pathnameOf(req) === "/whole") {
      void whole(req, res, () => res.destroy());
      return;
    }
    const handler = pathnameOf(req) === "/read-only" ? readOnly : data;
    void handler(req, res, () => {
      res.statusCode = 599;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe("createResourceRouteHandler", () => {
  it("runs the loader with the request and the load context, and sends its Response", async () => {
    const response = await fetch(`${base}/data?x=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-one")).toBe("1");
    expect(await response.json()).toEqual({
      url: `${base}/data?x=1`,
      context: { clientAddress: "peer", cspNonce: "" },
    });
  });

  it("runs the action for other methods, every set-cookie kept apart", async () => {
    const response = await fetch(`${base}/data`, { method: "POST", body: "hello" });
    expect(await response.text()).toBe("posted 5");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("answers a thrown Response; any other error is handed to handleError and answered 500 without details", async () => {
    const thrown = await fetch(`${base}/data?throw-response`);
    expect(thrown.status).toBe(418);
    expect(await thrown.text()).toBe("teapot");
    handled.length = 0;
    for (const query of ["throw", "object"]) {
      const failed = await fetch(`${base}/data?${query}`);
      expect(failed.status).toBe(500);
      expect(await failed.text()).toBe("Unexpected Server Error");
    }
    expect(handled).toHaveLength(2);
    expect(String(handled[0])).toContain("boom");
  });

  it("writes a streamed body in batches: the chunks handed over at once together, one flush per batch, later chunks when they come", async () => {
    const response = await fetch(`${base}/stream`);
    expect(await response.text()).toBe("abcde");
    // Before: a write and a flush per chunk. The last batch is not flushed: end() does it.
    expect(streamed).toEqual(["abc", "flush", "de"]);
  });

  it("hands a whole answer to sendWhole with its length set", async () => {
    const response = await fetch(`${base}/whole?x=2`);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ url: `${base}/whole?x=2` });
    expect(wholes).toEqual([{ body, length: Buffer.byteLength(body) }]);
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
  });

  it("answers 405 to a method the route has no handler for", async () => {
    expect((await fetch(`${base}/read-only`, { method: "POST", body: "x" })).status).toBe(405);
  });

  it("refuses to wrap a page or a route the build does not have", () => {
    const context = () => ({ clientAddress: "", cspNonce: "" });
    for (const routeId of ["routes/page", "routes/missing"]) {
      expect(() => createResourceRouteHandler({ build, routeId, getLoadContext: context })).toThrow(
        /not a resource route/,
      );
    }
  });
});
