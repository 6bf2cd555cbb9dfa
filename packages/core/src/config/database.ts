import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString, positiveInt } from "./slice.ts";

export const databaseConfig = defineConfigSlice({
  env: {
    DATABASE_URL: optionalString.pipe(z.url().optional()),
    // Web edge: database timeouts (unset: 15 s for the web, 60 s for the worker).
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
    DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5000),
    DATABASE_POOL_MAX: positiveInt(10),
  },
  check(env, ctx, { production }) {
    if (production && !env.DATABASE_URL) {
      configProblem(
        ctx,
        "DATABASE_URL",
        "is required in production (the embedded Postgres is for development)",
      );
    }
  },
  section: (env) => ({
    /** Undefined: the embedded Postgres (development, tests). */
    url: env.DATABASE_URL,
    poolMax: env.DATABASE_POOL_MAX,
    /** Undefined: each process picks its own (web 15 s, worker 60 s). */
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
  }),
});
