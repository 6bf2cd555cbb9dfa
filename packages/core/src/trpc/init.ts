import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { AppError, appError } from "../errors/index.ts";
import { inSpan, markActiveSpanFailed } from "../telemetry/trace-context.ts";
import type { Context } from "./context.ts";
import { isUnexpected, toUserFacingError } from "./error-shape.ts";

/** Who may call a procedure. The authorization table test reads it from every procedure. */
export type Access = "public" | "authed" | "mentor" | "admin";
export interface Meta {
  access: Access;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    defaultMeta: { access: "public" },
    // Stacks never leave the server: tRPC would only add them with isDev.
    isDev: false,
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

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.session) throw appError("UNAUTHORIZED");
  return next({ ctx: { ...ctx, session: ctx.session, user: ctx.session.user } });
});

// observeProcedures sits outside mapAppErrors, so it records the code the client receives.
const base = t.procedure.use(observeProcedures).use(logUnexpectedErrors).use(mapAppErrors);

export const publicProcedure = base.meta({ access: "public" });
export const authedProcedure = base.meta({ access: "authed" }).use(requireSession);
export const mentorProcedure = authedProcedure.meta({ access: "mentor" }).use(({ ctx, next }) => {
  if (ctx.user.role !== "MENTOR") throw appError("FORBIDDEN");
  return next();
});
export const adminProcedure = authedProcedure.meta({ access: "admin" }).use(({ ctx, next }) => {
  if (ctx.user.role !== "ADMIN") throw appError("FORBIDDEN");
  return next();
});

export { TRPCError };
