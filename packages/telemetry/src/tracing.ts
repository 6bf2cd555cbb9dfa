import type { IncomingMessage } from "node:http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { NodeSDK } from "@opentelemetry/sdk-node";

/** Paths scraped or probed every few seconds: tracing them only buries the real requests. */
const untracedPaths = new Set(["/metrics", "/healthz"]);

export interface TracingHandle {
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK: spans of incoming and outgoing HTTP (node:http, fetch through
 * undici: the gateway calls), of every SQL query (pg, under Prisma too), exported over OTLP
 * HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT). The standard OTEL_* variables
 * apply (OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, OTEL_BSP_SCHEDULE_DELAY...). Call it through
 * tracing-preload.ts, before pg and node:http are imported, or they are not instrumented.
 */
export function startTracing(options: { serviceName?: string } = {}): TracingHandle {
  // The SDK would otherwise also start metric and log exporters: Prometheus has the metrics.
  process.env.OTEL_METRICS_EXPORTER ??= "none";
  process.env.OTEL_LOGS_EXPORTER ??= "none";
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? options.serviceName ?? "mentora",
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          untracedPaths.has((request.url ?? "").split("?")[0] ?? ""),
      }),
      // Statements are recorded with their placeholders, never their values.
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= sdk.shutdown().catch(() => undefined);
    return stopping;
  };
  // Flush what is buffered when the process runs out of work (after a graceful SIGTERM).
  process.once("beforeExit", () => void shutdown());
  return { shutdown };
}
