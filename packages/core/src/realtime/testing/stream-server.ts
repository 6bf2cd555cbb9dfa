/**
 * A web process reduced to the realtime stream, for streams.bench.ts: the app's services and
 * tRPC's fetch adapter (the same router, context and SSE producer as the web server) on a bare
 * node:http server. Signs a user up, prints `{ port, cookie }` as one JSON line, and answers
 * GET /memory (after a full GC) and GET /hold (a request that is never answered: the floor).
 * Run with --expose-gc; DATABASE_URL is the bench's database.
 */
import { mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createApp } from "../../app/index.ts";
import { loadConfig } from "../../config/index.ts";
import { signUpVerifiedUser, TEST_ORIGIN } from "../../testing/index.ts";
import { createContext } from "../../trpc/context.ts";
import { appRouter } from "../../trpc/router.ts";

const env = {
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  PUBLIC_URL: TEST_ORIGIN,
  FILES_DIR: mkdtempSync(path.join(tmpdir(), "mentora-files-")),
  REALTIME_MAX_STREAMS_PER_USER: "1000000",
  DATABASE_URL: process.env.DATABASE_URL,
};
const config = loadConfig(env);
const app = await createApp({
  config,
  databaseUrl: process.env.DATABASE_URL ?? "",
  role: "web",
  env: { ...process.env, ...env },
  importPackage: (name) => import(name),
});
const { cookie } = await signUpVerifiedUser(app, {
  name: "Stream Bench",
  email: `stream-bench-${process.pid}@bench.test`,
});

const gc = (globalThis as { gc?: () => void }).gc;
const held = new Set<http.ServerResponse>();

const server = http.createServer(async (req, res) => {
  if (req.url === "/memory") {
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ ...usage, streams: app.realtime.size, held: held.size }));
    return;
  }
  if (req.url === "/hold") {
    // The floor: an open HTTP request and nothing else.
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("held\n");
    held.add(res);
    res.on("close", () => held.delete(res));
    return;
  }
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost${req.url}`, { headers, signal: abort.signal }),
    router: appRouter,
    createContext: ({ req: request, resHeaders }) =>
      createContext({ services: app, headers: request.headers, resHeaders }),
  });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  Readable.fromWeb(response.body as never).pipe(res);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, cookie })}\n`);
});
process.on("SIGTERM", () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  server.close();
  app.close().finally(() => process.exit(0));
});
