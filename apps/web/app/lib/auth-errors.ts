import type { MessageKey } from "@mentora/i18n";

/** better-auth error codes a user can meet on our forms, and what we tell them. */
const authErrorKeys: Record<string, MessageKey> = {
  USER_ALREADY_EXISTS: "web.authErrors.USER_ALREADY_EXISTS",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "web.authErrors.USER_ALREADY_EXISTS",
  INVALID_EMAIL_OR_PASSWORD: "web.authErrors.INVALID_EMAIL_OR_PASSWORD",
  INVALID_PASSWORD: "web.authErrors.INVALID_EMAIL_OR_PASSWORD",
  USER_NOT_FOUND: "web.authErrors.INVALID_EMAIL_OR_PASSWORD",
  CREDENTIAL_ACCOUNT_NOT_FOUND: "web.authErrors.INVALID_EMAIL_OR_PASSWORD",
  EMAIL_NOT_VERIFIED: "web.authErrors.EMAIL_NOT_VERIFIED",
  PASSWORD_TOO_SHORT: "web.authErrors.PASSWORD_TOO_SHORT",
  PASSWORD_TOO_LONG: "web.authErrors.PASSWORD_TOO_LONG",
  INVALID_EMAIL: "web.authErrors.INVALID_EMAIL",
  INVALID_ORIGIN: "web.authErrors.FORBIDDEN",
  MISSING_OR_NULL_ORIGIN: "web.authErrors.FORBIDDEN",
  CROSS_SITE_NAVIGATION_LOGIN_BLOCKED: "web.authErrors.FORBIDDEN",
};

/** A successful password sign-in that still waits for the second factor (twoFactor plugin). */
export async function needsSecondFactor(response: Response): Promise<boolean> {
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { twoFactorRedirect?: unknown };
  return body.twoFactorRedirect === true;
}

/** The message key for a code better-auth returned; unknown codes get a generic message. */
export function authErrorKey(code: string | undefined, status?: number): MessageKey {
  if (status === 429) return "web.authErrors.TOO_MANY_REQUESTS";
  return (code && authErrorKeys[code]) || "web.authErrors.generic";
}

/** Reads `{ code }` from a failed better-auth response (asResponse: true). */
export async function authErrorKeyFromResponse(response: Response): Promise<MessageKey> {
  let code: string | undefined;
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    if (typeof body.code === "string") code = body.code;
  } catch {
    // Not JSON: fall through to the generic message.
  }
  return authErrorKey(code, response.status);
}

/**
 * Codes better-auth puts in `?error=` when a Google sign-in comes back refused. The value comes
 * from a URL anyone can craft: only known codes get their own message, never the raw text.
 */
const oauthErrorKeys: Record<string, MessageKey> = {
  account_not_linked: "web.authErrors.OAUTH_ACCOUNT_NOT_LINKED",
  email_not_verified_by_provider: "web.authErrors.OAUTH_EMAIL_NOT_VERIFIED",
  access_denied: "web.authErrors.OAUTH_CANCELLED",
  state_mismatch: "web.authErrors.OAUTH_EXPIRED",
  state_not_found: "web.authErrors.OAUTH_EXPIRED",
};

export function oauthErrorKey(code: string | null): MessageKey | null {
  if (!code) return null;
  return oauthErrorKeys[code] ?? "web.authErrors.OAUTH_GENERIC";
}

/** A form error with what fills its placeholders ("Try again in {minutes} minutes."). */
export interface FormError {
  key: MessageKey;
  vars?: { minutes: number };
}

/** The Retry-After (seconds) of a refused better-auth call, if it carries one. */
export function retryAfterSecondsOf(response: Response): number | undefined {
  if (response.status !== 429) return undefined;
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** "Too many attempts. Try again in N minutes." (rounded up; 1 minute has its own sentence). */
export function tooManyRequestsError(retryAfterSeconds: number | undefined): FormError {
  if (retryAfterSeconds === undefined) return { key: "web.authErrors.TOO_MANY_REQUESTS" };
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return minutes === 1
    ? { key: "web.authErrors.TOO_MANY_REQUESTS_ONE_MINUTE" }
    : { key: "web.authErrors.TOO_MANY_REQUESTS_MINUTES", vars: { minutes } };
}
