import { apiKey } from "@better-auth/api-key";
import type { Db } from "@mentora/db";
import type { EmailMessage } from "@mentora/email";
import { renderResetPassword, renderSecurityNotice, renderVerifyEmail } from "@mentora/email";
import { negotiateLocale } from "@mentora/i18n";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { twoFactor } from "better-auth/plugins";
import { CLIENT_IP_HEADER } from "../client-ip/index.ts";
import type { Config } from "../config/index.ts";
import type { Logger } from "../logger/index.ts";
import type { RateLimits } from "../rate-limits/index.ts";
import { accountGuards, opensVerifiedSession } from "./account-guards.ts";
import { passkeyPlugin } from "./passkeys.ts";
import { rateLimitHooks } from "./rate-limit-hooks.ts";
import { MAX_NAME_LENGTH } from "./session-policy.ts";

export interface AuthDeps {
  config: Config;
  prisma: Db;
  logger: Logger;
  rateLimits: RateLimits;
  /** Queues an email (the `email.send` job): auth never waits on SMTP. */
  sendEmail(message: EmailMessage): Promise<void>;
}

/** better-auth types the user without our additional fields; the row has them. */
function localeFor(user: object, request?: Request) {
  return negotiateLocale({
    profileLocale: (user as { locale?: string | null }).locale,
    acceptLanguage: request?.headers.get("accept-language"),
  });
}

/** Every key starts with it: secret scanners and people recognise a Mentora key. */
export const API_KEY_PREFIX = "mnt_";

export function createAuth({ config, prisma, logger, rateLimits, sendEmail }: AuthDeps) {
  const day = 24 * 60 * 60;
  const limits = rateLimitHooks({ config, prisma, logger, rateLimits, sendEmail });
  return betterAuth({
    appName: "Mentora",
    baseURL: config.app.publicUrl,
    basePath: "/api/auth",
    secret: config.auth.secret,
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    trustedOrigins: config.app.trustedOrigins,
    telemetry: { enabled: false },
    logger: {
      level: "warn",
      log: (level, message, ...args) =>
        // The api-key plugin logs every refused key (revoked, expired) as an error: for us it is
        // the caller's 401, not the server's trouble.
        logger[message.startsWith("Failed to validate API key") ? "info" : level](
          { args },
          `auth: ${message}`,
        ),
    },
    user: {
      // A new account from a social provider needs the provider to vouch for the email: else
      // anyone could claim someone else's address in advance and keep access after the owner
      // recovers it (email sign-ups prove it by the verification link instead).
      validateUserInfo: ({ user, source }) => {
        if (source.method === "oauth" && source.action === "create-user" && !user.emailVerified) {
          return { error: "email_not_verified_by_provider" };
        }
      },
      additionalFields: {
        // Granted by the server only (input: false): a sign-up body cannot choose a role.
        role: { type: "string", required: false, defaultValue: "MENTEE", input: false },
        // Not writable through the auth API (/update-user would take any string, and one bad
        // timezone broke every visitor's search): the profile procedures validate and set them.
        locale: { type: "string", required: false, input: false },
        timezone: { type: "string", required: false, input: false },
      },
    },
    session: {
      expiresIn: config.auth.sessionExpiresInDays * day,
      // A session used after this long is renewed for another full period.
      updateAge: config.auth.sessionUpdateAgeHours * 60 * 60,
      // better-auth's own sensitive endpoints (list-sessions…) use the same notion of fresh.
      freshAge: Math.floor(config.accounts.freshSessionMs / 1000),
      additionalFields: {
        // Set only by the session hook below, when the session opens through a second factor.
        twoFactorVerified: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    databaseHooks: {
      user: {
        create: {
          // Google may hand over any name: keep it within what every page can show.
          before: async (user) => ({
            data: { ...user, name: user.name.trim().slice(0, MAX_NAME_LENGTH) },
          }),
        },
      },
      session: {
        create: {
          before: async (session, context) => ({
            data: {
              ...session,
              twoFactorVerified: opensVerifiedSession(context?.path),
            },
          }),
        },
      },
    },
    plugins: [
      twoFactor({
        issuer: "Mentora",
        backupCodeOptions: { amount: 10, length: 10 },
      }),
      passkeyPlugin({ config, prisma }),
      accountGuards({ config, prisma, logger }),
      // Keys for the public REST API (decision 052): stored hashed, shown once. Our /api/v1 edge
      // verifies them itself (apiKeyAuth), never as a session: a key must not reach /api/trpc.
      apiKey(
        {
          defaultPrefix: API_KEY_PREFIX,
          requireName: true,
          maximumNameLength: 64,
          startingCharactersConfig: { shouldStore: true, charactersLength: 10 },
          enableSessionForAPIKeys: false,
          // Ours instead, counted in Postgres for every process (policy api-key).
          rateLimit: { enabled: false },
          keyExpiration: { minExpiresIn: 1, maxExpiresIn: 365 },
        },
        { schema: { apikey: { modelName: "apiKey" } } },
      ),
    ],
    // The plugin's own HTTP endpoints stay closed: keys are created, listed and revoked through
    // the account procedures (scopes are set server-side), verified only by the API edge.
    disabledPaths: [
      "/api-key/create",
      "/api-key/get",
      "/api-key/update",
      "/api-key/delete",
      "/api-key/list",
      "/api-key/verify",
      "/api-key/delete-all-expired-api-keys",
    ],
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      // The sign-up answer stays the same for a known address; its owner is told by email.
      onExistingUserSignUp: async ({ user }, request) => {
        const content = renderSecurityNotice({
          kind: "signUpExisting",
          locale: localeFor(user, request),
          name: user.name,
          url: new URL("/sign-in", config.app.publicUrl).toString(),
        });
        await sendEmail({ to: user.email, ...content });
      },
      sendResetPassword: async ({ user, url }, request) => {
        const content = renderResetPassword({
          locale: localeFor(user, request),
          name: user.name,
          url,
        });
        await sendEmail({ to: user.email, ...content });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: false,
      expiresIn: day,
      sendVerificationEmail: async ({ user, url }, request) => {
        const content = renderVerifyEmail({
          locale: localeFor(user, request),
          name: user.name,
          url,
        });
        await sendEmail({ to: user.email, ...content });
      },
    },
    socialProviders: config.auth.google ? { google: config.auth.google } : {},
    account: {
      // No trustedProviders: a trusted provider would link even when it does not vouch for the
      // email. Google links to an existing account only when its id_token says email_verified.
      accountLinking: { enabled: true },
    },
    advanced: {
      // better-auth turns these off when NODE_ENV=test; tests must see production's checks.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      // Set by our HTTP edge from the socket address and TRUSTED_PROXIES (core's clientIp),
      // replacing whatever the client sent: X-Forwarded-For is the client's to write.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.app.publicUrl.startsWith("https://"),
    },
    // Ours instead (rate-limit-hooks.ts): counted in Postgres for every process, in every mode.
    rateLimit: { enabled: false },
    hooks: { before: limits.before, after: limits.after },
  });
}

export type Auth = ReturnType<typeof createAuth>;
export type AuthSession = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;
