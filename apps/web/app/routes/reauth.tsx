import { authResponse, safeRedirectPath } from "@mentora/core";
import type { MessageKey } from "@mentora/i18n";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import { ErrorPage } from "~/components/error-page";
import { PasskeyButton } from "~/components/passkey-button";
import { TextField } from "~/components/text-field";
import { authErrorKeyFromResponse } from "~/lib/auth-errors";
import { redirectAfterSignIn } from "~/lib/auth-forms.server";
import { requireSession } from "~/lib/guards.server";
import { assertSameOrigin, setCookieHeaders } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { passkeyAnswer } from "~/lib/passkeys.server";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.accounts.reauth.title");

function redirectTarget(request: Request): string {
  return safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/account");
}

/**
 * Sign in again, for money actions after FRESH_SESSION_MINUTES: the password (then the code,
 * for two-factor accounts), a passkey (which also passes the admins' second factor) or Google. The new session replaces the old one, and the person
 * goes back to where they were.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const user = requireSession(request, input);
    return {
      email: user.email,
      redirectTo: redirectTarget(request),
      google: Boolean(input.ctx.services.config.auth.google),
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input): Promise<{ formError: MessageKey }> => {
    assertSameOrigin(request, input.ctx);
    const user = requireSession(request, input);
    const { auth, prisma } = input.ctx.services;
    const redirectTo = redirectTarget(request);
    const form = await request.formData();

    if (form.get("intent") === "google" && input.ctx.services.config.auth.google) {
      const response = await auth.api.signInSocial({
        body: {
          provider: "google",
          callbackURL: redirectTo,
          errorCallbackURL: `/reauth?redirectTo=${encodeURIComponent(redirectTo)}`,
        },
        headers: input.authHeaders,
        asResponse: true,
      });
      const body = (await response.json().catch(() => ({}))) as { url?: unknown };
      if (!response.ok || typeof body.url !== "string") {
        return { formError: "web.authErrors.generic" };
      }
      throw redirect(body.url, { headers: setCookieHeaders(response.headers) });
    }

    if (form.get("intent") === "passkey") {
      const answer = passkeyAnswer<AuthenticationResponseJSON>(form);
      const response = answer
        ? await authResponse(
            auth.api.verifyPasskeyAuthentication({
              body: { response: answer },
              headers: input.authHeaders,
              asResponse: true,
            }),
          )
        : null;
      if (!response?.ok) return { formError: "web.accounts.passkeys.failed" };
      const opened = (await response.clone().json()) as {
        session?: { id?: string; userId?: string };
      };
      if (opened.session?.userId !== user.id) {
        // Someone else's key: this page cannot switch accounts, and that session must not live.
        if (opened.session?.id)
          await prisma.session.deleteMany({ where: { id: opened.session.id } });
        return { formError: "web.accounts.passkeys.failed" };
      }
      const oldSessionId = input.ctx.session?.session.id;
      if (oldSessionId) await prisma.session.deleteMany({ where: { id: oldSessionId } });
      throw redirect(redirectTo, { headers: setCookieHeaders(response.headers) });
    }

    const password = form.get("password");
    if (typeof password !== "string" || password === "") {
      return { formError: "web.authErrors.INVALID_EMAIL_OR_PASSWORD" };
    }
    // Always the signed-in person's own email: this page cannot switch accounts.
    // Through the same limits as the sign-in page: a stolen session cannot guess the password.
    const response = await authResponse(
      auth.api.signInEmail({
        body: { email: user.email, password },
        headers: input.authHeaders,
        asResponse: true,
      }),
    );
    if (response.status === 429) return { formError: "web.authErrors.TOO_MANY_REQUESTS" };
    if (!response.ok) return { formError: await authErrorKeyFromResponse(response) };
    // The old session ends here: the new sign-in (or its pending second step) replaces it.
    const oldSessionId = input.ctx.session?.session.id;
    if (oldSessionId) await prisma.session.deleteMany({ where: { id: oldSessionId } });
    return redirectAfterSignIn(response, redirectTo);
  });
}

export default function Reauth() {
  const t = useT();
  const { email, redirectTo, google } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const formAction = `?redirectTo=${encodeURIComponent(redirectTo)}`;
  return (
    <div className="container narrow">
      <section className="card" aria-labelledby="reauth-heading">
        <h1 id="reauth-heading">{t("web.accounts.reauth.heading")}</h1>
        <p>{t("web.accounts.reauth.intro")}</p>
        {result?.formError ? (
          <div className="alert alert-error" role="alert">
            {t(result.formError)}
          </div>
        ) : null}
        <Form method="post" action={formAction} noValidate className="stack">
          <p className="muted" data-testid="reauth-email">
            {email}
          </p>
          <TextField
            name="password"
            type="password"
            label={t("web.accounts.reauth.password")}
            autoComplete="current-password"
            required
          />
          <button type="submit" name="intent" value="password" className="button" disabled={busy}>
            {busy ? t("web.form.submitting") : t("web.accounts.reauth.submit")}
          </button>
        </Form>
        <PasskeyButton
          mode="sign-in"
          label={t("web.accounts.passkeys.confirm")}
          action={formAction}
        />
        {google ? (
          <Form method="post" action={formAction}>
            <button
              type="submit"
              name="intent"
              value="google"
              className="button button-secondary button-block"
            >
              {t("web.accounts.reauth.google")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container narrow">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
