import { authResponse, safeRedirectPath } from "@mentora/core";
import type { MessageKey } from "@mentora/i18n";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import { ErrorPage } from "~/components/error-page";
import { PasskeyButton } from "~/components/passkey-button";
import { TextField } from "~/components/text-field";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { authErrorKeyFromResponse, type FormError, oauthErrorKey } from "~/lib/auth-errors";
import { redirectAfterSignIn, retryAfterHeaders, tooManyAttempts } from "~/lib/auth-forms.server";
import { type FieldErrors, fieldErrorsOf, formFields, signInSchema } from "~/lib/forms";
import { assertSameOrigin, setCookieHeaders } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { passkeyAnswer } from "~/lib/passkeys.server";
import { withCaller } from "~/lib/trpc.server";

const fields = ["email", "password"] as const;
type Field = (typeof fields)[number];

type ActionData = {
  fieldErrors: FieldErrors<Field>;
  formError?: MessageKey;
  /** Placeholders of formError ("Try again in {minutes} minutes."). */
  formErrorVars?: FormError["vars"];
  email: string;
};

/** The page's answer to a refused attempt carries the action's Retry-After. */
export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.signIn.title");

/** Where to go after signing in: only a same-site path (open-redirect guard). */
function redirectTarget(value: unknown): string {
  return safeRedirectPath(value, "/account");
}

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ ctx }) => {
    const url = new URL(request.url);
    const redirectTo = redirectTarget(url.searchParams.get("redirectTo"));
    if (ctx.session) throw redirect(redirectTo);
    return {
      verified: url.searchParams.get("verified") === "1",
      oauthError: oauthErrorKey(url.searchParams.get("error")),
      // Shown only when the visitor was sent here from a protected page.
      redirected: url.searchParams.has("redirectTo"),
      redirectTo,
      google: Boolean(ctx.services.config.auth.google),
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async ({ ctx, authHeaders }) => {
    assertSameOrigin(request, ctx);
    const form = await request.formData();
    const redirectTo = redirectTarget(new URL(request.url).searchParams.get("redirectTo"));
    const { auth } = ctx.services;

    if (form.get("intent") === "google" && ctx.services.config.auth.google) {
      const response = await auth.api.signInSocial({
        body: {
          provider: "google",
          callbackURL: redirectTo,
          // Back to this page with the refusal, still knowing where the visitor was going.
          errorCallbackURL: `/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`,
        },
        headers: authHeaders,
        asResponse: true,
      });
      const body = (await response.json().catch(() => ({}))) as { url?: unknown };
      if (!response.ok || typeof body.url !== "string") {
        return {
          fieldErrors: {},
          formError: "web.authErrors.generic",
          email: "",
        } satisfies ActionData;
      }
      throw redirect(body.url, { headers: setCookieHeaders(response.headers) });
    }

    if (form.get("intent") === "passkey") {
      // Opens a session marked as passed the second factor (the key verified the person).
      const answer = passkeyAnswer<AuthenticationResponseJSON>(form);
      const response = answer
        ? await authResponse(
            auth.api.verifyPasskeyAuthentication({
              body: { response: answer },
              headers: authHeaders,
              asResponse: true,
            }),
          )
        : null;
      if (!response?.ok) {
        return {
          fieldErrors: {},
          formError: "web.accounts.passkeys.failed",
          email: "",
        } satisfies ActionData;
      }
      throw redirect(redirectTo, { headers: setCookieHeaders(response.headers) });
    }

    const input = formFields(form, fields);
    const parsed = signInSchema.safeParse(input);
    if (!parsed.success) {
      return {
        fieldErrors: fieldErrorsOf<Field>(parsed.error),
        email: input.email,
      } satisfies ActionData;
    }
    const response = await authResponse(
      auth.api.signInEmail({ body: parsed.data, headers: authHeaders, asResponse: true }),
    );
    if (response.status === 429) {
      // Locked out (this address or this IP): say when to try again, as the API does.
      const { error, init } = tooManyAttempts(response);
      return data(
        {
          fieldErrors: {},
          formError: error.key,
          formErrorVars: error.vars,
          email: parsed.data.email,
        } satisfies ActionData,
        init,
      );
    }
    if (!response.ok) {
      return {
        fieldErrors: {},
        formError: await authErrorKeyFromResponse(response),
        email: parsed.data.email,
      } satisfies ActionData;
    }
    return redirectAfterSignIn(response, redirectTo);
  });
}

export default function SignIn() {
  const t = useT();
  const { verified, oauthError, redirected, redirectTo, google } = useLoaderData<typeof loader>();
  // One shape whether the action answered 200 or 429 (data() with a status).
  const result = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = result?.fieldErrors ?? {};
  const hasFieldErrors = Object.keys(errors).length > 0;
  const formAction = redirected ? `?redirectTo=${encodeURIComponent(redirectTo)}` : undefined;
  return (
    <div className="container narrow">
      <Card asChild className="p-7">
        <section aria-labelledby="sign-in-heading">
          <h1 id="sign-in-heading">{t("web.signIn.heading", { appName: t("common.appName") })}</h1>
          {verified && !result ? (
            <Alert tone="success" role="status">
              {t("web.signIn.verified")}
            </Alert>
          ) : null}
          {oauthError && !result ? (
            <Alert tone="danger" role="alert">
              {t(oauthError)}
            </Alert>
          ) : null}
          {redirected && !verified && !oauthError && !result ? (
            <Alert tone="info" role="status">
              {t("web.signIn.redirectNotice")}
            </Alert>
          ) : null}
          {result?.formError || hasFieldErrors ? (
            <Alert tone="danger" role="alert">
              {t(result?.formError ?? "web.form.errorSummary", result?.formErrorVars)}
            </Alert>
          ) : null}
          <Form method="post" action={formAction} noValidate className="stack">
            <TextField
              name="email"
              type="email"
              label={t("web.signIn.email")}
              autoComplete="email"
              required
              defaultValue={result?.email}
              error={errors.email}
            />
            <TextField
              name="password"
              type="password"
              label={t("web.signIn.password")}
              autoComplete="current-password"
              required
              error={errors.password}
            />
            <Button type="submit" name="intent" value="password" disabled={busy}>
              {busy ? t("web.form.submitting") : t("web.signIn.submit")}
            </Button>
          </Form>
          <p className="muted">
            <Link to="/forgot-password">{t("web.signIn.forgotPasswordLink")}</Link>
          </p>
          <PasskeyButton
            mode="sign-in"
            label={t("web.accounts.passkeys.signIn")}
            action={formAction}
          />
          {google ? (
            <>
              <p className="divider">
                <span>{t("web.signIn.or")}</span>
              </p>
              <Form method="post" action={formAction}>
                <Button
                  type="submit"
                  name="intent"
                  value="google"
                  variant="secondary"
                  className="w-full"
                >
                  {t("web.signIn.google")}
                </Button>
              </Form>
            </>
          ) : null}
          <p className="muted">
            {t("web.signIn.noAccount", { appName: t("common.appName") })}{" "}
            <Link to="/sign-up">{t("web.signIn.signUpLink")}</Link>
          </p>
        </section>
      </Card>
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
