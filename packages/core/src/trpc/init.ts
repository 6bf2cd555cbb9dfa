import { inSpan, markActiveSpanFailed } from "@mentora/telemetry";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { hasPassedSecondFactor, isFreshSession } from "../auth/index.ts";
import type { ApiScope } from "../contracts/index.ts";
import { AppError, appError } from "../errors/index.ts";
import { ipKey, retryAfterOf, userKey } from "../rate-limits/index.ts";
import type { Context } from "./context.ts";
import { isUnexpected, toUserFacingError } from "./error-shape.ts";

/** Who may call a procedure. The authorization table test reads it from every procedure. */
export type Access = "public" | "authed" | "mentor" | "admin";
/**
 * `openapi` exposes a procedure on the public REST API (/api/v1, decision 052) and `apiScope`
 * is the API key scope it needs: a call made with an API key reaches only procedures that
 * name one (guardApiKeys below).
 */
export type Meta = OpenApiMeta<{
  /** Optional in the type only so a later `.meta()` need not restate it: the builders set it. */
  access?: Access;
  apiScope?: ApiScope;
}>;

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    defaultMeta: { access: "public" },
    // Stacks never leave the server: tRPC would only add them with isDev.
    isDev: false,
    // Realtime streams (decision 031): a ping keeps proxies from closing an idle stream, the
    // browser reconnects (with its last event id) when pings stop, and every stream ends after
    // a while so a long-open tab re-authenticates and spreads over the web processes again.
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 40_000 },
      maxDurationMs: 30 * 60_000,
    },
    errorFormatter({ shape, error, ctx }) {
      const userError = toUserFacingError(error, {
        locale: ctx?.locale ?? "en",
        requestId: ctx?.requestId ?? "unknown",
      });
      return {
        code: shape.code,
        message: userError.message,
        data: {
          code: userError.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId: userError.requestId,
          fieldErrors: userError.fieldErrors,
          details: userError.details,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Duration and outcome of every call, by procedure path (bounded: only mounted paths run), in a
 * span of its own when tracing.
 */
const observeProcedures = t.middleware(({ ctx, path, type, next }) =>
  inSpan(`trpc ${path}`, { "rpc.system": "trpc", "rpc.method": path }, async () => {
    const started = performance.now();
    const result = await next();
    if (!result.ok) markActiveSpanFailed(result.error.code);
    ctx.services.telemetry.observeProcedure(
      path,
      type,
      (performance.now() - started) / 1000,
      result.ok ? undefined : result.error.code,
    );
    return result;
  }),
);

/** Logs what we did not expect, once, with the request id; the client gets a generic message. */
const logUnexpectedErrors = t.middleware(async ({ ctx, path, type, next }) => {
  const result = await next();
  if (!result.ok && isUnexpected(result.error)) {
    const cause = result.error.cause ?? result.error;
    ctx.services.logger.error(
      { err: cause, requestId: ctx.requestId, path, type },
      "unexpected error in procedure",
    );
  }
  return result;
});

/** Services throw AppError (no tRPC dependency); it travels with its own tRPC code. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    const cause = result.error.cause;
    if (cause instanceof AppError) throw appError(cause.code, cause.details);
  }
  return result;
});

/**
 * Every mutation spends a point of the caller's `mutation` limit (per user, per IP when
 * anonymous). A refusal is TOO_MANY_REQUESTS with `details.retryAfterSeconds`, and a
 * Retry-After header over HTTP.
 */
const limitMutations = t.middleware(async ({ ctx, type, next }) => {
  if (type !== "mutation") return next();
  const key = ctx.session ? userKey(ctx.session.user.id) : ctx.ip ? `ip:${ipKey(ctx.ip)}` : null;
  try {
    await ctx.services.rateLimits.consume("mutation", key);
  } catch (error) {
    throw limitRefusal(error, ctx.resHeaders);
  }
  return next();
});

/** A limiter's AppError with its Retry-After on the response; anything else unchanged. */
function limitRefusal(error: unknown, resHeaders: Headers): unknown {
  const seconds = retryAfterOf(error);
  if (seconds === undefined || !(error instanceof AppError)) return error;
  resHeaders.set("retry-after", String(seconds));
  return appError(error.code, error.details);
}

/**
 * A call authenticated by an API key (the /api/v1 edge) reaches only read procedures tagged with
 * an `apiScope` the key holds: never an admin, money or any other procedure, whatever the
 * owner's role. Session calls pass untouched.
 */
const guardApiKeys = t.middleware(({ ctx, meta, type, next }) => {
  if (!ctx.apiKey) return next();
  const scope = meta?.apiScope;
  if (!scope || type !== "query") throw appError("FORBIDDEN");
  if (!ctx.apiKey.scopes.includes(scope)) throw appError("API_KEY_SCOPE_MISSING", { scope });
  return next();
});

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.session) throw appError("UNAUTHORIZED");
  return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
});

// observeProcedures sits outside mapAppErrors, so it records the code the client receives.
const base = t.procedure
  .use(observeProcedures)
  .use(logUnexpectedErrors)
  .use(mapAppErrors)
  .use(guardApiKeys)
  .use(limitMutations);

export const publicProcedure = base.meta({ access: "public" });
export const authedProcedure = base.meta({ access: "authed" }).use(requireSession);
export const mentorProcedure = authedProcedure.meta({ access: "mentor" }).use(({ ctx, next }) => {
  if (ctx.user.role !== "MENTOR") throw appError("FORBIDDEN");
  return next();
});
export const adminProcedure = authedProcedure.meta({ access: "admin" }).use(({ ctx, next }) => {
  if (ctx.user.role !== "ADMIN") throw appError("FORBIDDEN");
  // Admins move money: with ADMIN_REQUIRE_2FA, only a session opened (or confirmed) with the
  // second factor (TOTP, backup code or passkey) acts. The admin pages send them to enrol, to
  // enter their code, or (passkey holders) to sign in with the passkey.
  if (
    ctx.services.config.accounts.adminRequireTwoFactor &&
    !hasPassedSecondFactor(ctx.session.session)
  ) {
    throw appError("TWO_FACTOR_REQUIRED", { enrolled: Boolean(ctx.user.twoFactorEnabled) });
  }
  return next();
});

/**
 * Money actions: the sign-in must be younger than FRESH_SESSION_MINUTES, else
 * FRESH_SIGN_IN_REQUIRED (the page sends the person to /reauth and back). A stolen session
 * cookie alone cannot approve payouts or redirect them.
 */
export const requireFreshSession = t.middleware(({ ctx, next }) => {
  if (!ctx.session) throw appError("UNAUTHORIZED");
  if (!isFreshSession(ctx.session.session, ctx.services.config)) {
    throw appError("FRESH_SIGN_IN_REQUIRED");
  }
  return next();
});

export { TRPCError };
