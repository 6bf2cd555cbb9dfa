import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString, positiveInt } from "./slice.ts";

export const emailConfig = defineConfigSlice({
  env: {
    SMTP_URL: optionalString.pipe(z.url().optional()),
    EMAIL_FROM: z.string().default("Mentora <no-reply@mentora.localhost>"),
    EMAIL_TIMEOUT_MS: positiveInt(10_000),
  },
  check(env, ctx, { production }) {
    if (production && !env.SMTP_URL) {
      configProblem(
        ctx,
        "SMTP_URL",
        "is required in production: without it emails go to the dev outbox",
      );
    }
  },
  section: (env) => ({
    /** Undefined: the development outbox. */
    smtpUrl: env.SMTP_URL,
    from: env.EMAIL_FROM,
    timeoutMs: env.EMAIL_TIMEOUT_MS,
  }),
});
