import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString, positiveInt } from "../config/slice.ts";

/** Signs development sessions when AUTH_SECRET is unset; refused in production (it is public). */
export const DEV_AUTH_SECRET = "mentora-dev-secret-not-for-production-use-0000";

/** Sign-in: the secret that signs sessions, their lifetime, Google sign-in. */
export const authConfig = defineConfigSlice({
  env: {
    AUTH_SECRET: optionalString.pipe(z.string().min(32).optional()),
    SESSION_EXPIRES_IN_DAYS: positiveInt(30),
    SESSION_UPDATE_AGE_HOURS: positiveInt(24),
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
  },
  check(env, ctx, { production }) {
    if (production && !env.AUTH_SECRET) {
      configProblem(ctx, "AUTH_SECRET", "is required in production (32+ random characters)");
    } else if (production && env.AUTH_SECRET === DEV_AUTH_SECRET) {
      configProblem(
        ctx,
        "AUTH_SECRET",
        "is the public development secret: set 32+ random characters of your own",
      );
    }
    if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
      configProblem(
        ctx,
        env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID",
        "Google sign-in needs both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET",
      );
    }
  },
  section: (env) => ({
    secret: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
    sessionExpiresInDays: env.SESSION_EXPIRES_IN_DAYS,
    sessionUpdateAgeHours: env.SESSION_UPDATE_AGE_HOURS,
    google:
      env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
        ? { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }
        : undefined,
  }),
});

/** Accounts (admin two-factor, fresh sign-in for money actions, absolute session lifetime). */
export const accountsConfig = defineConfigSlice({
  env: {
    /** Unset: required in production only. */
    ADMIN_REQUIRE_2FA: optionalString.pipe(z.stringbool().optional()),
    SESSION_ABSOLUTE_DAYS: positiveInt(30),
    FRESH_SESSION_MINUTES: positiveInt(15),
  },
  section: (env, { production }) => ({
    adminRequireTwoFactor: env.ADMIN_REQUIRE_2FA ?? production,
    sessionAbsoluteMs: env.SESSION_ABSOLUTE_DAYS * 24 * 60 * 60_000,
    freshSessionMs: env.FRESH_SESSION_MINUTES * 60_000,
  }),
});
