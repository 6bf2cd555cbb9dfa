import {
  admitRealtimeStream,
  appRouter,
  type Context,
  realtimeStreamPath,
  retryAfterOf,
  toUserFacingError,
} from "@mentora/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { isSameOrigin } from "~/lib/http.server";
import { getServices } from "~/lib/services.server";
import { createRequestContext, socketAddressOf } from "~/lib/trpc.server";
import { maxTrpcBatch, refuseLargeBatch, trpcCallCount } from "~/lib/trpc-batch.server";

const endpoint = "/api/trpc";

/** tRPC over HTTP, for the browser's interactive pieces. Loaders call in-process instead. */
async function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  // Parsed once (a URL per request was a visible share of this lane, decision 072).
  const url = new URL(request.url);
  // Before anything runs: one request must not fan out into any number of database calls.
  const tooLarge = refuseLargeBatch(request, endpoint, url);
  if (tooLarge) return tooLarge;
  const services = await getServices();
  if (request.method !== "GET" && !isSameOrigin(request, services.config.app.trustedOrigins)) {
    return Response.json({ error: "cross-site request refused" }, { status: 403 });
  }
  const clientAddress = socketAddressOf(context);
  let admitted: { ctx: Context; headers: Headers } | undefined;
  if (
    decodeURIComponent(url.pathname.slice(endpoint.length + 1))
      .split(",")
      .includes(realtimeStreamPath)
  ) {
    if (services.realtime.closed) {
      // Stopping (SIGTERM): its pool is closing; the browser retries, on another process.
      return Response.json(
        { error: { code: "SERVICE_UNAVAILABLE", message: "This server is restarting." } },
        { status: 503, headers: { "retry-after": "1", "cache-control": "no-store" } },
      );
    }
    const headers = new Headers();
    const ctx = await createRequestContext(services, request, headers, clientAddress);
    try {
      if (trpcCallCount(url, endpoint) > 1) throw new TRPCError({ code: "BAD_REQUEST" });
      await admitRealtimeStream(ctx);
    } catch (error) {
      return refusal(error, ctx, headers);
    }
    admitted = { ctx, headers };
  }
  return fetchRequestHandler({
    endpoint,
    req: request,
    router: appRouter,
    // The same cap inside tRPC, should a request reach it another way.
    maxBatchSize: maxTrpcBatch,
    createContext: ({ req, resHeaders }) => {
      if (!admitted) return createRequestContext(services, req, resHeaders, clientAddress);
      // The stream's context is the one admitted above (one session lookup), with its cookies.
      for (const cookie of admitted.headers.getSetCookie()) resHeaders.append("set-cookie", cookie);
      return { ...admitted.ctx, resHeaders };
    },
  });
}

/**
 * A refused stream gets a real status (401, 429 with Retry-After): once a stream's 200 has gone
 * out, tRPC can only report errors inside it.
 */
function refusal(error: unknown, ctx: Context, headers: Headers): Response {
  const trpcError =
    error instanceof TRPCError
      ? error
      : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
  if (trpcError.code === "INTERNAL_SERVER_ERROR") {
    ctx.services.logger.error(
      { err: error, requestId: ctx.requestId },
      "realtime admission failed",
    );
  }
  const status = getHTTPStatusCodeFromError(trpcError);
  const seconds = retryAfterOf(trpcError.cause);
  if (seconds !== undefined) headers.set("retry-after", String(Math.ceil(seconds)));
  headers.set("cache-control", "no-store");
  const body = toUserFacingError(trpcError, { locale: ctx.locale, requestId: ctx.requestId });
  return Response.json({ error: { ...body, httpStatus: status } }, { status, headers });
}

export const loader = handle;
export const action = handle;
