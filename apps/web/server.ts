/**
 * The production web server: `node apps/web/server.ts` (Node strips the types). Serves the
 * Remix build and its static files behind the edge guards: security headers with a CSP nonce,
 * request body limits, structured request logs; drains on SIGTERM.
 */
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
import { createRemixHandler } from "./server/remix-handler.ts";
import { createNamespaceResolver } from "./server/route-messages.ts";
import { securityHeaders } from "./server/security-headers.ts";

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

const app = express();
app.disable("x-powered-by");
app.use((req, res, next) => {
  observeRequest(req, res);
  next();
});
app.use(
  pinoHttp({
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
  }),
);
app.use(securityHeaders({ production: config.app.env === "production" }));
app.use(compression());
// Fingerprinted by Vite: cached for good. Everything else in public/: an hour.
app.use(
  build.publicPath,
  express.static(path.join(buildDir, "client", build.publicPath), {
    immutable: true,
    maxAge: "1y",
  }),
);
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
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
    onBodyRefused: (req, error) =>
      logger.warn({ path: req.path, limit: error.limit }, "request body too large: refused"),
  }),
);

// Anything the handlers did not answer (Remix answers its own errors): logged, never a stack.
app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
  logger.error({ err: error, path: req.path }, "unhandled error in the web server");
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(500).type("text/plain").send("Internal Server Error");
});

const server = app.listen(config.app.port, () => {
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
