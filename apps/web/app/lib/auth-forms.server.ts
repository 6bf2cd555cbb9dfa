import { type HeadersFunction, redirect } from "@remix-run/node";
import {
  type FormError,
  needsSecondFactor,
  retryAfterSecondsOf,
  tooManyRequestsError,
} from "./auth-errors";
import { setCookieHeaders } from "./http.server";

/** The page's answer to a refused attempt carries the action's Retry-After. */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("retry-after");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

/**
 * A form attempt the rate limits refused (better-auth answered 429): the message that says when
 * to try again, and the response's status and Retry-After, as the API itself answers.
 */
export function tooManyAttempts(response: Response): { error: FormError; init: ResponseInit } {
  const retryAfter = retryAfterSecondsOf(response);
  return {
    error: tooManyRequestsError(retryAfter),
    init: { status: 429, headers: retryAfter ? { "Retry-After": String(retryAfter) } : {} },
  };
}

/**
 * After a successful password sign-in: the cookies travel on the redirect itself, to the code
 * step when the account has two-factor (no session yet: the two-factor cookie carries the
 * pending sign-in), else to where the person was going.
 */
export async function redirectAfterSignIn(response: Response, redirectTo: string): Promise<never> {
  const headers = setCookieHeaders(response.headers);
  if (await needsSecondFactor(response)) {
    throw redirect(`/sign-in/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`, { headers });
  }
  throw redirect(redirectTo, { headers });
}
