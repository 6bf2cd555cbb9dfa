import { errorCodeOf, retryAfterOf } from "@mentora/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { TRPCError } from "@trpc/server";
import { getCaller, userFacingError } from "~/lib/trpc.server";

/** Never cached by a shared cache (the URL is a credential), never indexed, never a referrer. */
const privateHeaders = {
  "Cache-Control": "private, no-cache",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

/**
 * `/calendar/<token>.ics`: a person's subscription feed, for calendar apps (no session: the
 * token is the credential). Unknown, revoked and malformed tokens all get the same 404. The
 * ETag lets a polling calendar revalidate with a 304; no-cache makes it ask every time, so a
 * cancellation is never hidden behind a stale copy.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const input = await getCaller(request);
  try {
    const feed = await input.caller.calendars.feed({ token: params.token ?? "" });
    const headers = { ...privateHeaders, ETag: feed.etag };
    if (request.headers.get("if-none-match") === feed.etag) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(feed.content, {
      headers: {
        ...headers,
        "Content-Type": feed.contentType,
        "Content-Disposition": 'inline; filename="mentora.ics"',
      },
    });
  } catch (error) {
    const code = errorCodeOf(error) ?? (error instanceof TRPCError ? error.code : undefined);
    if (code === "TOO_MANY_REQUESTS") {
      return new Response("Too many requests", {
        status: 429,
        headers: {
          ...privateHeaders,
          "Retry-After": String(
            retryAfterOf(error instanceof TRPCError ? error.cause : error) ?? 60,
          ),
        },
      });
    }
    // A malformed token (the input schema refused it) is just another unknown one.
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") {
      return new Response("Not found", {
        status: 404,
        headers: { ...privateHeaders, "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    userFacingError(error, input.ctx);
    return new Response("Internal error", {
      status: 500,
      headers: { ...privateHeaders, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
