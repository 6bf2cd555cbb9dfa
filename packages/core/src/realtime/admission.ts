import { AppError, appError } from "../errors/index.ts";
import { userKey } from "../rate-limits/index.ts";
import type { Context } from "../trpc/context.ts";

/** The procedure path the HTTP route admits before tRPC answers (a stream has no status later). */
export const realtimeStreamPath = "realtime.stream";

/**
 * Checks made before a stream's 200 goes out (tRPC reports a subscription's errors inside the
 * stream, with status 200): a session (else UNAUTHORIZED, 401), the `realtime-connect` rate
 * limit and the per-user cap of open streams (429). Throws the tRPC error to answer with.
 */
export async function admitRealtimeStream(ctx: Context): Promise<void> {
  if (!ctx.session) throw appError("UNAUTHORIZED");
  const userId = ctx.session.user.id;
  try {
    await ctx.services.rateLimits.consume("realtime-connect", userKey(userId));
  } catch (error) {
    throw error instanceof AppError ? appError(error.code, error.details) : error;
  }
  const max = ctx.services.config.realtime.maxStreamsPerUser;
  if (ctx.services.realtime.openCount(userId) >= max) {
    throw appError("REALTIME_STREAM_LIMIT", { max });
  }
}
