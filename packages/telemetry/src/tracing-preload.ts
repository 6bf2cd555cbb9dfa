/**
 * Load with `node --import @mentora/telemetry/tracing-preload <main>` (the web server and the worker).
 * Without OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) it does nothing and
 * loads nothing. With it, it installs OpenTelemetry's ESM loader hook (so the app's imports of
 * pg and node:http can be instrumented) and starts the SDK, before the app's modules load.
 */
import { register } from "node:module";

if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
  register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);
  const { startTracing } = await import("./tracing.ts");
  startTracing();
}
