import { z } from "zod";

const DEV_AUTH_SECRET = "mentora-dev-secret-not-for-production-use-0000";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Every environment variable Mentora reads, with its default. `.env.example` lists the same
 * names; a test keeps the two in step.
 */
const environmentShape = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: positiveInt(3000),
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: optionalString.pipe(z.url().optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(32).optional()),
  SESSION_EXPIRES_IN_DAYS: positiveInt(30),
  SESSION_UPDATE_AGE_HOURS: positiveInt(24),
  TRUSTED_ORIGINS: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  SMTP_URL: optionalString.pipe(z.url().optional()),
  EMAIL_FROM: z.string().default("Mentora <no-reply@mentora.localhost>"),
  EMAIL_TIMEOUT_MS: positiveInt(10_000),
  WORKER_DRAIN_MS: positiveInt(30_000),
  MENTOR_APPROVAL: z.enum(["auto", "admin"]).default("auto"),
  BOOKING_HOLD_MINUTES: positiveInt(15),
  MENTEE_FREE_CANCELLATION_HOURS: z.coerce.number().int().min(0).default(24),
};

export const configSchema = z
  .object(environmentShape)
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required in production (32+ random characters)",
      });
    }
    if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: [env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID"],
        message: "Google sign-in needs both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET",
      });
    }
  })
  .transform((env) => ({
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
    trustedOrigins: [
      new URL(env.PUBLIC_URL).origin,
      ...(env.TRUSTED_ORIGINS?.split(",").map((origin) => origin.trim()) ?? []),
    ],
    google:
      env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
        ? { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }
        : undefined,
  }));

export type Config = z.output<typeof configSchema>;
export const configVariableNames = Object.keys(environmentShape).sort();
