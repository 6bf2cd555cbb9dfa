/**
 * The production web server: `node apps/web/server.ts` (Node strips the types). Serves the
 * Remix build and its static files behind the edge guards: security headers with a CSP nonce,
 * request body limits, structured request logs; drains on SIGTERM. Data paths (tRPC, /healthz)
 * and payment webhooks take a lane of their own before Express (decisions 059, 055).
 */
import { readdirSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { enableCompileCache } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfigOrExit } from "@mentora/core/config";
import { createLogger } from "@mentora/core/logger";
import { type AppMetrics, createHttpRequestObserver } from "@mentora/telemetry";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { pinoHttp } from "pino-http";
import {
  createRemixHandler,
  createResourceRouteHandler,
  pathnameOf,
} from "./server/remix-handler.ts";
import { createNamespaceResolver } from "./server/route-messages.ts";
import { dataSecurityHeaders, securityHeaders } from "./server/security-headers.ts";

process.env.NODE_ENV ??= "production";
// Node's on-disk compile cache (os.tmpdir(), or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1
// turns it off): loading the 13 MB server build went from ~650 to ~440 ms on a warm cache
// (decision 029). Enabled before the build is imported; a read-only disk only loses the gain.
enableCompileCache();
const config = loadConfigOrExit();
const logger = createLogger({ level: config.app.logLevel, name: "web" });
const buildDir = path.join(import.meta.dirname, "build");
const build = (await import(
  pathToFileURL(path.join(buildDir, "server/index.js")).href
)) as ServerBuild;

// Request durations by Remix route id (never the raw path), into the process's /metrics.
const observeRequest = createHttpRequestObserver(
  build.entry.module as unknown as Pick<AppMetrics, "observeHttpRequest">,
  build.routes,
);

// The messages each page needs (decision 024): the root loader sends only these.
const namespacesFor = createNamespaceResolver(build.routes);

const production = config.app.env === "production";
const requestLogger = pinoHttp({
  logger,
  // Path and status only: query strings and headers can carry tokens and cookies.
  serializers: {
    req: (req: { method: string; url: string }) => ({
      method: req.method,
      path: req.url.split("?")[0],
    }),
    res: (res: { statusCode: number }) => ({ status: res.statusCode }),
  },
  // Probes poll these every few seconds: their failures still show in the route's own logs.
  autoLogging: { ignore: (req) => /^\/(healthz|metrics)\b/.test(req.url ?? "") },
  customLogLevel: (_req, res, error) =>
    // A 4xx is the client's answer (sign-in, 404, 429), not the server's trouble.
    error || res.statusCode >= 500 ? "error" : "info",
});
const compress = compression();

const app = express();
app.disable("x-powered-by");
app.use((req, res, next) => {
  observeRequest(req, res);
  next();
});
app.use(requestLogger);
app.use(securityHeaders({ production }));
app.use(compress);
// The client build's files: looked up only for a path under one of its own top-level entries,
// read once here. The build's publicPath is "/": an express.static there did a stat() on the
// libuv pool for every page's GET, a visible share of a page's cost (decision 065).
const clientDir = path.join(buildDir, "client", build.publicPath);
const clientEntries = new Set(readdirSync(clientDir));
// Fingerprinted by Vite (assets/): cached for good. Everything else in public/: an hour.
const serveFingerprinted = express.static(clientDir, { immutable: true, maxAge: "1y" });
const servePublic = express.static(clientDir, { maxAge: "1h" });
app.use(build.publicPath, (req, res, next) => {
  const entry = req.path.split("/")[1] ?? "";
  if (!clientEntries.has(entry)) next();
  else if (entry === "assets") serveFingerprinted(req, res, next);
  else servePublic(req, res, next);
});
app.all(
  "*",
  createRemixHandler({
    build,
    mode: config.app.env,
    getLoadContext: (req, res) => ({
      clientAddress: req.socket.remoteAddress ?? "",
      cspNonce: String(res.locals.cspNonce),
      // Matched only when the root loader asks: resource routes (tRPC, health, files) never
      // do, and matching the route table is a visible share of their cost (decision 029).
      get i18nNamespaces() {
        return namespacesFor(req.path);
      },
    }),
    onBodyRefused,
  }),
);

function onBodyRefused(req: IncomingMessage, error: { limit: number }) {
  logger.warn({ path: pathnameOf(req), limit: error.limit }, "request body too large: refused");
}

/** Anything the handlers did not answer (Remix answers its own errors): logged, never a stack. */
function answerError(error: unknown, req: IncomingMessage, res: ServerResponse) {
  logger.error({ err: error, path: pathnameOf(req) }, "unhandled error in the web server");
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
  res.end("Internal Server Error");
}
app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
  answerError(error, req, res),
);

/**
 * The data lane (decision 059): tRPC and the health probe answer JSON, never a document. They
 * need the body limits, the request log (tRPC), the metrics and compression, but not the pages'
 * per-request CSP nonce, the static file lookups (a stat per GET), Express's router or Remix's
 * matching of the whole route table: each path goes straight to its route module. Their
 * security headers are the pages' helmet settings with the strictest policy, computed once.
 */
const dataHeaders = dataSecurityHeaders({ production });
const dataContext = (req: IncomingMessage) => ({
  clientAddress: req.socket.remoteAddress ?? "",
  cspNonce: "",
});
/**
 * A whole tRPC answer (its length set): compressed only from compression's own threshold (1 KB),
 * and only then is the compression middleware set up (its per-request wrapping showed in the
 * lane's profile); below it the bytes go out as they are (decision 065).
 */
function sendWhole(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  if (body.byteLength < 1024) {
    res.end(body);
    return;
  }
  compress(req as Request, res as Response, (error?: unknown) =>
    error ? answerError(error, req, res) : res.end(body),
  );
}
const trpcRoute = "routes/api.trpc.$";
const healthRoute = "routes/healthz";
const trpc = createResourceRouteHandler({
  build,
  routeId: trpcRoute,
  getLoadContext: dataContext,
  onBodyRefused,
  // httpBatchLink's answers are whole JSON (subscriptions are event streams, still streamed).
  sendWhole,
});
const health = createResourceRouteHandler({
  build,
  routeId: healthRoute,
  getLoadContext: dataContext,
  onBodyRefused,
});

// Payment providers' webhooks: verified on their raw bytes and stored in one statement (decision
// 055); Remix's matching and the pages' middleware were most of their cost. Twilio's callbacks
// have a route of their own and stay on the pages' lane.
const webhookRoute = "routes/api.webhooks.$provider";
const webhookPath = /^\/api\/webhooks\/([a-z0-9_-]+)$/;
const webhooks = createResourceRouteHandler({
  build,
  routeId: webhookRoute,
  getLoadContext: dataContext,
  onBodyRefused,
  paramsOf: (pathname) => ({ provider: webhookPath.exec(pathname)?.[1] ?? "" }),
});

function serveData(handler: typeof trpc, req: IncomingMessage, res: ServerResponse) {
  for (const [name, value] of dataHeaders) res.setHeader(name, value);
  const fail = (error?: unknown) => answerError(error, req, res);
  void handler(req, res, fail).catch(fail);
}

const server = http.createServer((req, res) => {
  const pathname = pathnameOf(req);
  if (pathname === "/healthz") {
    // Probes poll it every few seconds: no request log (its failures log in the route), and
    // its answer is a few bytes (nothing to compress).
    observeRequest(req, res, healthRoute);
    serveData(health, req, res);
  } else if (pathname.startsWith("/api/trpc/")) {
    observeRequest(req, res, trpcRoute);
    // Compression is set up per answer (sendWhole): event streams are never compressed.
    requestLogger(req, res, () => serveData(trpc, req, res));
  } else if (webhookPath.test(pathname) && pathname !== "/api/webhooks/twilio") {
    observeRequest(req, res, webhookRoute);
    requestLogger(req, res, () => serveData(webhooks, req, res));
  } else {
    app(req, res);
  }
});
server.listen(config.app.port, () => {
  logger.info({ port: config.app.port, mode: config.app.env }, "web server listening");
});

// SIGTERM: stop accepting, let requests in flight finish (idle keep-alive sockets close at
// once), then exit; the services close their pool on the same signal (services.server.ts).
let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "web server stopping");
  server.close((error) => {
    if (error) logger.error({ err: error }, "web server close failed");
  });
  server.closeIdleConnections();
  // Long-lived requests (streams) must not hold the exit forever.
  setTimeout(() => server.closeAllConnections(), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
