import { type Context, errorCodeOf, hasPassedSecondFactor } from "@mentora/core";
import { redirect } from "@remix-run/node";
import { httpError, isThrownResponse, type RequestCaller, userFacingError } from "./trpc.server";

/** Anonymous visitors go to sign-in, and come back to this very page after it. */
export function requireSession(request: Request, { ctx }: RequestCaller) {
  if (ctx.session) return ctx.session.user;
  const url = new URL(request.url);
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
}

/** Mentors only: anonymous → sign-in, others → the apply page. */
export function requireMentor(request: Request, input: RequestCaller) {
  const user = requireSession(request, input);
  if (user.role !== "MENTOR") throw redirect("/mentor/apply");
  return user;
}

/**
 * Admins only: anonymous → sign-in, others → 403. With ADMIN_REQUIRE_2FA, an admin without
 * two-factor goes to enrolment, and one whose session did not pass it enters a code.
 */
export function requireAdmin(request: Request, input: RequestCaller) {
  const user = requireSession(request, input);
  if (user.role !== "ADMIN") throw httpError(input.ctx, "FORBIDDEN");
  if (
    input.ctx.services.config.accounts.adminRequireTwoFactor &&
    !hasPassedSecondFactor(input.ctx.session?.session)
  ) {
    const url = new URL(request.url);
    const back = encodeURIComponent(`${url.pathname}${url.search}`);
    // A passkey-only admin lands on /account/two-factor too: it offers a passkey sign-in.
    throw redirect(
      user.twoFactorEnabled
        ? `/sign-in/two-factor?redirectTo=${back}`
        : `/account/two-factor?redirectTo=${back}`,
    );
  }
  return user;
}

/** A failed form action, shown next to the form that sent it. */
export interface ActionFailure {
  ok: false;
  /** Which form (or which row) the error belongs to. */
  intent: string;
  target?: string;
  code: string;
  message: string;
  requestId: string;
  details?: Record<string, unknown>;
  fieldErrors?: Record<string, string[]>;
}

export interface ActionSuccess<T = undefined> {
  ok: true;
  intent: string;
  target?: string;
  result?: T;
}

/**
 * Runs one intent of a form action: an expected failure (SLOT_TAKEN, PROFILE_INCOMPLETE, …)
 * comes back as data with its localized message, so the page shows it beside the action;
 * redirects and other thrown responses pass through.
 */
export async function attempt<T>(
  ctx: Context,
  intent: string,
  run: () => Promise<T>,
  target?: string,
): Promise<ActionSuccess<T> | ActionFailure> {
  try {
    const result = await run();
    return { ok: true, intent, target, result };
  } catch (error) {
    if (isThrownResponse(error)) throw error;
    // Not a failure to show beside the form: withCaller sends the person to sign in again.
    const code = errorCodeOf(error);
    if (code === "FRESH_SIGN_IN_REQUIRED" || code === "TWO_FACTOR_REQUIRED") throw error;
    const failure = userFacingError(error, ctx);
    return {
      ok: false,
      intent,
      target,
      code: failure.code,
      message: failure.message,
      requestId: failure.requestId,
      details: failure.details,
      fieldErrors: failure.fieldErrors,
    };
  }
}

/** A failure made here (form input the page checked itself), in the same shape. */
export function formFailure(
  ctx: Context,
  intent: string,
  message: string,
  target?: string,
): ActionFailure {
  return {
    ok: false,
    intent,
    target,
    code: "VALIDATION_FAILED",
    message,
    requestId: ctx.requestId,
  };
}
