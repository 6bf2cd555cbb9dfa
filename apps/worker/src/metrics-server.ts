import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type App, metricsRequestAllowed } from "@mentora/core";
import { PROMETHEUS_CONTENT_TYPE } from "@mentora/core/payments";

/**
 * The worker's own /metrics (webhook processing, retries, dead letters, gateway calls made by
 * jobs): counters live per process, so Prometheus scrapes the web and each worker.
 * Same bearer token as the web's /metrics, compared in constant time.
 */
export function startMetricsServer(app: App, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== "/metrics" || req.method !== "GET") {
      res.writeHead(404).end();
      return;
    }
    if (!metricsRequestAllowed(app.config, req.headers.authorization)) {
      res.writeHead(401, { "www-authenticate": "Bearer" }).end();
      return;
    }
    app.telemetry.metrics.render().then(
      (text) => {
        res.writeHead(200, { "content-type": PROMETHEUS_CONTENT_TYPE });
        res.end(text);
      },
      (error: unknown) => {
        app.logger.error({ err: error }, "metrics render failed");
        res.writeHead(500).end();
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      app.logger.info({ port: (server.address() as AddressInfo).port }, "worker metrics listening");
      resolve(server);
    });
  });
}
