import type { Db } from "@mentora/db";
import { negotiateLocale } from "@mentora/i18n";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { CLIENT_IP_HEADER } from "../client-ip/index.ts";
import type { Config } from "../config/index.ts";
import type { EmailMessage } from "../email/index.ts";
import { renderSecurityNotice } from "../email/index.ts";
import type { Logger } from "../logger/index.ts";
import { emailKey, type PolicyName, type RateLimits, retryAfterOf } from "../rate-limits/index.ts";

export interface RateLimitHookDeps {
  config: Config;
  prisma: Db;
  logger: Logger;
  rateLimits: RateLimits;
  sendEmail(message: EmailMessage): Promise<void>;
}

/** The endpoints that send mail or check a password, and the policies (per address, per IP). */
const emailPolicies: Record<string, [PolicyName, PolicyName]> = {
  "/sign-up/email": ["sign-up-email", "sign-up-ip"],
  "/request-password-reset": ["password-reset-email", "password-reset-ip"],
  "/send-verification-email": ["verification-email-email", "verification-email-ip"],
};

/** 429 with Retry-After, as better-auth answers it: `{ code, message, retryAfterSeconds }`. */
function tooManyRequests(error: unknown): never {
  const retryAfterSeconds = retryAfterOf(error);
  if (retryAfterSeconds === undefined) throw error;
  throw new APIError(
    "TOO_MANY_REQUESTS",
    { code: "TOO_MANY_REQUESTS", message: "Too many attempts", retryAfterSeconds },
    { "Retry-After": String(retryAfterSeconds) },
  );
}

function emailOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" && email.length <= 320 ? email.trim().toLowerCase() : null;
}

/**
 * better-auth hooks that put our Postgres-backed limits in front of its endpoints, for HTTP
 * calls and server calls (auth.api.*) alike: the portal's forms and /api/auth/* count together.
 * The client IP is the header the HTTP edge set (CLIENT_IP_HEADER), never X-Forwarded-For.
 */
export function rateLimitHooks({
  config,
  prisma,
  logger,
  rateLimits,
  sendEmail,
}: RateLimitHookDeps) {
  const before = createAuthMiddleware(async (ctx) => {
    const ip = ctx.headers?.get(CLIENT_IP_HEADER) ?? null;
    const email = emailOf(ctx.body);
    try {
      if (ctx.path === "/sign-in/email" && email) {
        await rateLimits.assertSignInAllowed({ email, ip });
        return;
      }
      if (ctx.path === "/passkey/generate-authenticate-options") {
        await rateLimits.consume("passkey-ip", ip);
        return;
      }
      const policies = emailPolicies[ctx.path];
      if (!policies) return;
      // Per IP first: a flood of addresses from one place must not fill the per-address rows.
      await rateLimits.consume(policies[1], ip);
      if (email) await rateLimits.consume(policies[0], emailKey(email));
    } catch (error) {
      tooManyRequests(error);
    }
  });

  const after = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email") return;
    const email = emailOf(ctx.body);
    if (!email) return;
    const returned = ctx.context.returned;
    if (!isAPIError(returned)) {
      if (ctx.context.newSession) await rateLimits.signInSucceeded({ email });
      return;
    }
    // Only a wrong password (or unknown address) counts; 403 "not verified" had the right one.
    if (returned.statusCode !== 401) return;
    const ip = ctx.headers?.get(CLIENT_IP_HEADER) ?? null;
    const failure = await rateLimits.signInFailed({ email, ip });
    if (!failure.newLockout) return;
    logger.warn({ emailKey: emailKey(email), ip }, "sign-in locked out after repeated failures");
    const user = await prisma.user.findUnique({ where: { email } });
    if (!user) return;
    const content = renderSecurityNotice({
      kind: "signInLockout",
      locale: negotiateLocale({ profileLocale: user.locale }),
      name: user.name,
      url: new URL("/sign-in", config.PUBLIC_URL).toString(),
      minutes: Math.ceil(failure.lockedOutSeconds / 60),
    });
    await sendEmail({ to: user.email, ...content });
  });

  return { before, after };
}

/**
 * `auth.api.*(…, { asResponse: true })` still throws what a before-hook throws (our 429):
 * this gives it back as the Response the HTTP endpoint would have sent.
 */
export async function authResponse(call: Promise<Response>): Promise<Response> {
  try {
    return await call;
  } catch (error) {
    if (!isAPIError(error)) throw error;
    return Response.json(error.body ?? {}, {
      status: error.statusCode,
      headers: new Headers(error.headers),
    });
  }
}
