import type { Context } from "@mentora/core";
import { GOOGLE_CALENDAR_SCOPES } from "@mentora/core/calendars";
import { setCookieHeaders } from "~/lib/http.server";

/**
 * Where to send a mentor for "Connect Google Calendar": Google's consent page for the calendar
 * scopes on top of sign-in's (incremental consent), with offline access so the jobs get a
 * refresh token. better-auth's link-social flow stores the tokens on the mentor's Google
 * account row when Google sends them back to /api/auth/callback/google. Null when refused.
 */
export async function googleCalendarConsent(
  ctx: Context,
  authHeaders: Headers,
): Promise<{ location: string; headers: Headers } | null> {
  const response = await ctx.services.auth.api.linkSocialAccount({
    body: {
      provider: "google",
      scopes: [...GOOGLE_CALENDAR_SCOPES],
      callbackURL: "/mentor/calendars",
      errorCallbackURL: "/mentor/calendars?error=google",
      additionalParams: {
        access_type: "offline",
        prompt: "consent",
        include_granted_scopes: "true",
      },
    },
    headers: authHeaders,
    asResponse: true,
  });
  const body = (await response.json().catch(() => ({}))) as { url?: unknown };
  if (!response.ok || typeof body.url !== "string") return null;
  return { location: body.url, headers: setCookieHeaders(response.headers) };
}
