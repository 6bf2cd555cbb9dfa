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
import type { WebhookDelivery } from "@mentora/core/payments";
import { type AppMetrics, createHttpRequestObserver } from "@mentora/telemetry";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { pinoHttp } from "pino-http";
import {
  bodyLimitFor,
  closeAfterAnswer,
  declaredLengthExceeds,
  PayloadTooLargeError,
  readLimitedBody,
  refusePayload,
} from "./server/body-limit.ts";
import {
  createRemixHandler,
  createResourceRouteHandler,
  pathnameOf,
} from "./server/remix-handler.ts";
import { createRequestLog } from "./server/request-log.ts";
import { createNamespaceResolver } from "./server/route-messages.ts";
import { dataSecurityHeaders, securityHeaders } from "./server/security-headers.ts";

process.env.NODE_ENV ??= "production";
// Node's on-disk compile cache (os.tmpdir(), or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1
// turns it off): loading the 13 MB server build went from ~650 to ~440 ms on a warm cache
// (decision 029). Enabled before the build is imported; a read-only disk only loses the gain.
enableCompileCache();
const config = loadConfigOrExit();
const logger = createLogger({ level: config.app.logLevel, name: "web" });
// The start's timeline in ms since the process began, logged at debug level (decision 066).
const timeline: Record<string, number> = { configLoaded: Math.round(performance.now()) };
const buildDir = path.join(import.meta.dirname, "build");
const build = (await import(
  pathToFileURL(path.join(buildDir, "server/index.js")).href
)) as ServerBuild;
timeline.buildLoaded = Math.round(performance.now());

// Request durations by Remix route id (never the raw path), into the process's /metrics.
const appMetrics = build.entry.module as unknown as Pick<AppMetrics, "observeHttpRequest">;
const observeRequest = createHttpRequestObserver(appMetrics, build.routes);

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
// The tRPC lane's request log: pino-http's line, made only when written (decision 072).
const logRequest = createRequestLog(logger);

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
// have a route of their own and stay on the pages' lane. entry.server's `receivePaymentWebhook`
// (what the route does) takes node's request line, headers and body bytes and returns the
// answer's text: no fetch Request, Headers, body stream or Response per webhook (decision 064).
const webhookRoute = "routes/api.webhooks.$provider";
const webhookPath = /^\/api\/webhooks\/([a-z0-9_-]+)$/;
const receiveWebhook = (
  build.entry.module as unknown as {
    receivePaymentWebhook?: (
      delivery: WebhookDelivery,
      provider: string,
      socketAddress: string | undefined,
    ) => Promise<{ status: number; headers: Record<string, string>; text: string }>;
  }
).receivePaymentWebhook;
if (!receiveWebhook)
  throw new Error("entry.server exports no receivePaymentWebhook (decision 064)");
// Every path of the lane has the payment webhooks' limit (Twilio's is another lane).
const webhookBodyLimit = bodyLimitFor("/api/webhooks/");

/** The data lane's headers as one flat list: the webhook answer takes them in its writeHead. */
const dataHeaderList = dataHeaders.flat();
/** For the lane's answers written elsewhere (413, 500): the same headers, one by one. */
function setDataHeaders(res: ServerResponse) {
  for (const [name, value] of dataHeaders) res.setHeader(name, value);
}
/**
 * The answer's headers after the security headers, for one writeHead: node validates and
 * writes them in one pass, without storing each one first as setHeader does (decision 076).
 */
function webhookAnswerHeaders(headers: Record<string, string>): string[] {
  const list = dataHeaderList.slice();
  for (const name in headers) list.push(name, headers[name] as string);
  return list;
}
/** node's request headers as strings (only set-cookie can come as an array: joined). */
function headersOf(req: IncomingMessage): Record<string, string> {
  const raw = req.headers;
  for (const name in raw) {
    if (typeof raw[name] !== "string") {
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(raw)) {
        if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
      }
      return headers;
    }
  }
  return raw as Record<string, string>;
}

function serveWebhook(req: IncomingMessage, res: ServerResponse, provider: string) {
  const limit = webhookBodyLimit;
  const refuse = (error: { limit: number }) => {
    setDataHeaders(res);
    onBodyRefused(req, error);
    refusePayload(req, res, limit);
  };
  if (declaredLengthExceeds(req, limit)) {
    refuse({ limit });
    return;
  }
  const delivery: WebhookDelivery = {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: headersOf(req),
    body: () => readLimitedBody(req, limit, refuse),
  };
  const fail = (error: unknown) => {
    if (!res.headersSent) setDataHeaders(res);
    answerError(error, req, res);
  };
  receiveWebhook?.(delivery, provider, req.socket.remoteAddress)
    .then(
      (answer) => {
        if (res.headersSent) return;
        // Answered without reading the whole body (429, 404): hang up rather than read the rest.
        if (!req.complete) closeAfterAnswer(req, res);
        res.writeHead(answer.status, webhookAnswerHeaders(answer.headers));
        res.end(answer.text);
      },
      (error: unknown) => {
        // Refused while reading (413): already answered; a client gone: nobody to answer.
        if (error instanceof PayloadTooLargeError || res.headersSent) return;
        if (!res.socket || res.socket.destroyed) return;
        fail(error);
      },
    )
    .catch(fail);
}

/**
 * The webhook lane's request metric and log line, from one `close` listener (decision 076):
 * the duration by route into /metrics (499 for an answer never finished, as everywhere) and the
 * line pino-http writes ("request completed" with the method, path, status and response time;
 * error level for a 5xx or an answer never finished), without pino-http's child logger and
 * serializers per request (decision 070).
 */
function observeWebhookRequest(req: IncomingMessage, res: ServerResponse, pathname: string) {
  const started = performance.now();
  res.once("close", () => {
    const elapsed = performance.now() - started;
    const finished = res.writableFinished;
    const method = req.method ?? "GET";
    appMetrics.observeHttpRequest(
      webhookRoute,
      method,
      finished ? res.statusCode : 499,
      elapsed / 1000,
    );
    const level = !finished || res.statusCode >= 500 ? "error" : "info";
    if (!logger.isLevelEnabled(level)) return;
    const line = {
      req: { method, path: pathname },
      res: { status: res.statusCode },
      responseTime: Math.round(elapsed),
    };
    logger[level](line, finished ? "request completed" : "request aborted");
  });
}

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
    logRequest(req, res);
    serveData(trpc, req, res);
  } else {
    const provider = pathname === "/api/webhooks/twilio" ? null : webhookPath.exec(pathname)?.[1];
    if (provider) {
      observeWebhookRequest(req, res, pathname);
      serveWebhook(req, res, provider);
    } else app(req, res);
  }
});
server.listen(config.app.port, () => {
  logger.info({ port: config.app.port, mode: config.app.env }, "web server listening");
});
// Bound now (no host to look up); the callback above waits for the event loop's next turn.
timeline.listening = Math.round(performance.now());

// The services (pools, pg-boss, Prisma, better-auth) start now, once the port is bound (their
// connections take local ports too), not on the first request: their waits on Postgres overlap
// with the rest of the start (decision 066). /healthz still answers 200 only once they are up
// and the database answers (it awaits this same start), 503 if they failed.
const { startServices } = build.entry.module as { startServices?: () => Promise<void> };
void startServices?.().then(
  () => {
    timeline.servicesReady = Math.round(performance.now());
    logger.debug({ timeline }, "web server started");
  },
  // Logged by the services themselves; the next request tries again.
  () => undefined,
);

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
