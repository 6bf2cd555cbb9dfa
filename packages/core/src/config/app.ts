import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString, positiveInt } from "./slice.ts";

/** The process as a whole: its mode, logs, port and public address. */
export const appConfig = defineConfigSlice({
  env: {
    // Production unless said otherwise: a built entry point started bare must not run with dev
    // features (outbox, dev secret, sandbox). `pnpm dev` and the tests set it explicitly.
    NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    PORT: positiveInt(3000),
    PUBLIC_URL: z.url().default("http://localhost:3000"),
    TRUSTED_ORIGINS: optionalString,
  },
  check(env, ctx, { production }) {
    if (!production) return;
    let publicProtocol: string | undefined;
    try {
      publicProtocol = new URL(env.PUBLIC_URL).protocol;
    } catch {
      // Malformed: the shape check already names PUBLIC_URL.
    }
    if (publicProtocol !== undefined && publicProtocol !== "https:") {
      configProblem(
        ctx,
        "PUBLIC_URL",
        "must be an https:// address in production (cookies, links in emails)",
      );
    }
  },
  section: (env) => ({
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL,
    trustedOrigins: [
      new URL(env.PUBLIC_URL).origin,
      ...(env.TRUSTED_ORIGINS?.split(",").map((origin) => origin.trim()) ?? []),
    ],
  }),
});

/** The worker process: drain time on stop, metrics port. */
export const workerConfig = defineConfigSlice({
  env: {
    WORKER_DRAIN_MS: positiveInt(30_000),
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  },
  section: (env) => ({ drainMs: env.WORKER_DRAIN_MS, metricsPort: env.WORKER_METRICS_PORT }),
});
