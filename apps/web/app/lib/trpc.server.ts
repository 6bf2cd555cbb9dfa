import {
  type App,
  type Context,
  clientIp,
  createCaller,
  createContext,
  errorCodeOf,
  toUserFacingError,
  type UserFacingError,
  withClientIpHeader,
} from "@mentora/core";
import { isLocale, negotiateLocale } from "@mentora/i18n";
import { data, redirect } from "@remix-run/node";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { LOCALE_COOKIE, readCookie, TIMEZONE_COOKIE } from "./cookies";
import { clientAddressOf } from "./load-context";
import { getServices } from "./services.server";

export type Caller = ReturnType<typeof createCaller>;
export interface RequestCaller {
  caller: Caller;
  ctx: Context;
  /**
   * The request's headers for better-auth (auth.api.*): the client IP header set from the
   * socket address and TRUSTED_PROXIES, a value the client sent removed.
   */
  authHeaders: Headers;
}

/** A loader's or action's request with the load context that knows its socket address. */
export interface RequestWithContext {
  request: Request;
  context?: { clientAddress?: string };
}

/** The socket address from the load context, or undefined (dev server: no socket handed over). */
export function socketAddressOf(context: RequestWithContext["context"]): string | undefined {
  const address = clientAddressOf(context);
  return address === "unknown" ? undefined : address;
}

/** The client's IP (socket address, through TRUSTED_PROXIES); null under the dev server. */
export function clientIpOf(
  services: App,
  request: Request,
  context: RequestWithContext["context"],
): string | null {
  return clientIp(
    { headers: request.headers, remoteAddress: socketAddressOf(context) },
    services.config.network.trustedProxies,
  );
}

/** Headers for better-auth with our client IP header (sessions record it, limits key on it). */
export function authHeadersFor(services: App, request: Request, clientAddress?: string): Headers {
  const ip = clientIp(
    { headers: request.headers, remoteAddress: clientAddress },
    services.config.network.trustedProxies,
  );
  return withClientIpHeader(request.headers, ip);
}

/**
 * The tRPC context for a request, with the portal's own cookies applied: the anonymous
 * language choice (profile → language cookie → Accept-Language → en) and the browser's
 * timezone (profile → x-timezone header or cookie → UTC).
 */
export async function createRequestContext(
  services: App,
  request: Request,
  resHeaders?: Headers,
  clientAddress?: string,
): Promise<Context> {
  const cookieHeader = request.headers.get("cookie");
  const timezoneCookie = readCookie(cookieHeader, TIMEZONE_COOKIE);
  // A copy only when the cookie's zone must be added (every call builds this context).
  let headers = request.headers;
  if (timezoneCookie && !headers.has("x-timezone")) {
    headers = new Headers(headers);
    headers.set("x-timezone", timezoneCookie);
  }
  const ctx = await createContext({ services, headers, resHeaders, clientAddress });
  const profileLocale = ctx.session?.user.locale;
  const cookieLocale = readCookie(cookieHeader, LOCALE_COOKIE);
  const locale = isLocale(profileLocale)
    ? profileLocale
    : isLocale(cookieLocale)
      ? cookieLocale
      : negotiateLocale({ acceptLanguage: headers.get("accept-language") });
  return { ...ctx, locale };
}

// Loaders of one request share one context (one session lookup, one request id). Remix hands
// each loader a Request of its own (it strips `?index`/`?_routes` into a new one), so the key is
// the load context the server builds once per request, when there is one (decision 065); an
// action's is its own Request, so that loaders running after it see what it changed.
// Shared only between requests with the very same headers (Remix's copies are): a load context
// reused across requests by some other caller could never hand one visitor another's session.
const perRequest = new WeakMap<object, { headers: string; pending: Promise<RequestCaller> }>();

function shareKeyOf(request: Request, context: RequestWithContext["context"]): object {
  const read = request.method === "GET" || request.method === "HEAD";
  return read && context && typeof context === "object" ? context : request;
}

const headersOf = (request: Request) => [...request.headers].join("\n");

/**
 * The in-process tRPC caller for a Remix loader or action: no HTTP hop. Pass the load context
 * (`{ request, context }`) wherever the client IP matters: mutations (limits, audit), auth.
 */
export function getCaller(from: Request | RequestWithContext): Promise<RequestCaller> {
  const { request, context } =
    from instanceof Request ? { request: from, context: undefined } : from;
  const key = shareKeyOf(request, context);
  const headers = key === request ? "" : headersOf(request);
  const shared = perRequest.get(key);
  let pending = shared?.headers === headers ? shared.pending : undefined;
  if (!pending) {
    pending = (async () => {
      const services = await getServices();
      const clientAddress = socketAddressOf(context);
      const ctx = await createRequestContext(services, request, undefined, clientAddress);
      const authHeaders = authHeadersFor(services, request, clientAddress);
      return { caller: createCaller(ctx), ctx, authHeaders };
    })();
    const entry = { headers, pending };
    perRequest.set(key, entry);
    pending.catch(() => {
      if (perRequest.get(key) === entry) perRequest.delete(key);
    });
  }
  return pending;
}

/** What an error page receives: a localized message and the request id, never a stack. */
export type RouteErrorData = Pick<UserFacingError, "code" | "message" | "requestId">;

export function isThrownResponse(error: unknown): boolean {
  if (error instanceof Response) return true;
  // `throw data(...)` (single fetch) and `throw redirect(...)` pass through untouched.
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { type?: unknown }).type === "DataWithResponseInit"
  );
}

/** Turns any caught error into the user-facing shape, logging the unexpected ones. */
export function userFacingError(error: unknown, ctx: Context): UserFacingError {
  // A body the server cut at its size limit (server/body-limit.ts): already answered 413 and
  // logged there, not a bug of the route.
  const cutBody = (error as { code?: unknown } | null)?.code === "PAYLOAD_TOO_LARGE";
  if (!(error instanceof TRPCError) && !cutBody) {
    ctx.services.logger.error({ err: error, requestId: ctx.requestId }, "unexpected route error");
  }
  return toUserFacingError(error, { locale: ctx.locale, requestId: ctx.requestId });
}

/**
 * Where an account refusal sends the person, to come back to `returnTo` after: a stale sign-in
 * (money actions) → sign in again; an admin session without the second factor → the code
 * step; an admin without two-factor at all → enrolment.
 */
export function accountStepFor(error: unknown, returnTo: string): string | null {
  const code = errorCodeOf(error);
  const back = encodeURIComponent(returnTo);
  if (code === "FRESH_SIGN_IN_REQUIRED") return `/reauth?redirectTo=${back}`;
  if (code === "TWO_FACTOR_REQUIRED") {
    const cause = error instanceof TRPCError ? error.cause : error;
    const enrolled = (cause as { details?: { enrolled?: unknown } } | undefined)?.details?.enrolled;
    return enrolled
      ? `/sign-in/two-factor?redirectTo=${back}`
      : `/account/two-factor?redirectTo=${back}`;
  }
  return null;
}

/** A thrown error as the Response an ErrorBoundary renders: status, message, request id. */
export function routeError(error: unknown, ctx: Context, request?: Request) {
  if (isThrownResponse(error)) return error;
  if (request) {
    const url = new URL(request.url);
    const step = accountStepFor(error, `${url.pathname}${url.search}`);
    if (step) return redirect(step);
  }
  const { code, message, requestId } = userFacingError(error, ctx);
  const status = error instanceof TRPCError ? getHTTPStatusCodeFromError(error) : 500;
  return data({ code, message, requestId } satisfies RouteErrorData, { status });
}

/**
 * Runs a loader or action body with the request's caller. Every error leaves as a Response
 * carrying the request id, so the route's ErrorBoundary can show it.
 */
export async function withCaller<T>(
  from: Request | RequestWithContext,
  body: (input: RequestCaller) => Promise<T>,
): Promise<T> {
  const input = await getCaller(from);
  try {
    return await body(input);
  } catch (error) {
    throw routeError(error, input.ctx, from instanceof Request ? from : from.request);
  }
}

/** Throws a 4xx page with a localized message (404 for dev pages in production, 403, …). */
export function httpError(
  ctx: Context,
  code: "NOT_FOUND" | "FORBIDDEN" | "UNAUTHORIZED" | "BAD_REQUEST",
) {
  return routeError(new TRPCError({ code }), ctx);
}
