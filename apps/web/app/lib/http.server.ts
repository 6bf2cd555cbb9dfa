import type { Context } from "@mentora/core";
import type { Locale } from "@mentora/i18n";
import { LOCALE_COOKIE, ONE_YEAR_SECONDS } from "./cookies";
import { httpError } from "./trpc.server";

/** The Set-Cookie headers of an auth response, ready to put on a redirect. */
export function setCookieHeaders(from: Headers): Headers {
  const headers = new Headers();
  for (const cookie of from.getSetCookie()) headers.append("set-cookie", cookie);
  return headers;
}

/** True when a mutating request comes from one of our own pages. */
export function isSameOrigin(request: Request, trustedOrigins: readonly string[]): boolean {
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    return origin === new URL(request.url).origin || trustedOrigins.includes(origin);
  }
  // No Origin (old browsers, same-origin GET-like posts): refuse only what says cross-site.
  return request.headers.get("sec-fetch-site") !== "cross-site";
}

/**
 * CSRF guard for form actions: a browser sends Origin on every cross-site POST. Server-side
 * better-auth calls skip better-auth's own origin check, so the portal checks here.
 */
export function assertSameOrigin(request: Request, ctx: Context): void {
  if (!isSameOrigin(request, ctx.services.config.app.trustedOrigins)) {
    throw httpError(ctx, "FORBIDDEN");
  }
}

/** The anonymous language choice, remembered for a year. */
export function localeCookie(locale: Locale, publicUrl: string): string {
  const secure = publicUrl.startsWith("https://") ? "; Secure" : "";
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax; HttpOnly${secure}`;
}
