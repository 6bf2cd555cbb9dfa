import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString, positiveInt } from "./slice.ts";

/** Metrics access and OpenTelemetry traces. */
export const telemetryConfig = defineConfigSlice({
  env: {
    METRICS_TOKEN: optionalString,
    // OpenTelemetry traces. Read by telemetry/tracing-preload.ts (and the SDK) at process start,
    // before this schema; declared here so a malformed value stops the start.
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url().optional()),
    OTEL_SERVICE_NAME: optionalString,
  },
  check(env, ctx, { production }) {
    if (!production) return;
    if (!env.METRICS_TOKEN) {
      configProblem(ctx, "METRICS_TOKEN", "is required in production (/metrics is never open)");
    } else if (env.METRICS_TOKEN.length < 16) {
      configProblem(ctx, "METRICS_TOKEN", "must be 16+ characters in production");
    }
  },
  section: (env) => ({
    /** Undefined: /metrics is open outside production, closed in it. */
    metricsToken: env.METRICS_TOKEN,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: env.OTEL_SERVICE_NAME,
  }),
});

/** Admin alerts when failures pile up. */
export const alertsConfig = defineConfigSlice({
  env: {
    ALERT_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
    ALERT_FAILURE_THRESHOLD: positiveInt(5),
    ALERT_WINDOW_MINUTES: positiveInt(15),
  },
  section: (env) => ({
    webhookUrl: env.ALERT_WEBHOOK_URL,
    threshold: env.ALERT_FAILURE_THRESHOLD,
    windowMs: env.ALERT_WINDOW_MINUTES * 60_000,
  }),
});
