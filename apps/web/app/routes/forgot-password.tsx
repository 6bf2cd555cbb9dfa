import { authResponse } from "@mentora/core";
import type { MessageKey } from "@mentora/i18n";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { TextField } from "~/components/text-field";
import type { FormError } from "~/lib/auth-errors";
import { retryAfterHeaders, tooManyAttempts } from "~/lib/auth-forms.server";
import { type FieldErrors, fieldErrorsOf, forgotPasswordSchema, formFields } from "~/lib/forms";
import { assertSameOrigin } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

// Asks better-auth to mail a reset link (to /api/auth/reset-password/:token, which sends the
// visitor on to /reset-password?token=…). The answer is the same whether an account uses the
// address or not: the page must not tell who has an account.

type ActionData =
  | { status: "sent"; email: string }
  | {
      status: "invalid";
      fieldErrors: FieldErrors<"email">;
      formError?: MessageKey;
      formErrorVars?: FormError["vars"];
      email: string;
    };

/** The page's answer to a refused attempt carries the action's Retry-After. */
export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.forgotPassword.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ ctx }) => {
    if (ctx.session) throw redirect("/account");
    return null;
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async ({ ctx, authHeaders }) => {
    assertSameOrigin(request, ctx);
    const input = formFields(await request.formData(), ["email"]);
    const parsed = forgotPasswordSchema.safeParse(input);
    if (!parsed.success) {
      return {
        status: "invalid",
        fieldErrors: fieldErrorsOf<"email">(parsed.error),
        email: input.email,
      } satisfies ActionData;
    }
    const response = await authResponse(
      ctx.services.auth.api.requestPasswordReset({
        body: { email: parsed.data.email, redirectTo: "/reset-password" },
        headers: authHeaders,
        // With the request, core's email hook sees Accept-Language (the mail of an account
        // without a language follows the browser's), and better-auth checks the origin.
        request: new Request(request.url, { method: request.method, headers: authHeaders }),
        asResponse: true,
      }),
    );
    if (response.status === 429) {
      // Counted per address and per IP, known account or not: no hint either way.
      const { error, init } = tooManyAttempts(response);
      return data(
        {
          status: "invalid",
          fieldErrors: {},
          formError: error.key,
          formErrorVars: error.vars,
          email: parsed.data.email,
        } satisfies ActionData,
        init,
      );
    }
    if (!response.ok) {
      ctx.services.logger.error({ status: response.status }, "password reset request failed");
      return {
        status: "invalid",
        fieldErrors: {},
        formError: "web.authErrors.generic",
        email: parsed.data.email,
      } satisfies ActionData;
    }
    return { status: "sent", email: parsed.data.email } satisfies ActionData;
  });
}

export default function ForgotPassword() {
  const t = useT();
  // One shape whether the action answered 200 or 429 (data() with a status).
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  if (result?.status === "sent") {
    return (
      <div className="container narrow">
        <section className="card" aria-labelledby="forgot-heading">
          <h1 id="forgot-heading">{t("web.forgotPassword.sentHeading")}</h1>
          <p role="status">{t("web.forgotPassword.sent", { email: result.email })}</p>
          <p className="actions">
            <Link to="/sign-in" className="button button-secondary">
              {t("web.forgotPassword.signInLink")}
            </Link>
          </p>
        </section>
      </div>
    );
  }
  const invalid = result?.status === "invalid" ? result : undefined;
  const errors = invalid?.fieldErrors ?? {};
  return (
    <div className="container narrow">
      <section className="card" aria-labelledby="forgot-heading">
        <h1 id="forgot-heading">{t("web.forgotPassword.heading")}</h1>
        <p>{t("web.forgotPassword.intro")}</p>
        {invalid ? (
          <div className="alert alert-error" role="alert">
            {t(invalid.formError ?? "web.form.errorSummary", invalid.formErrorVars)}
          </div>
        ) : null}
        <Form method="post" noValidate className="stack">
          <TextField
            name="email"
            type="email"
            label={t("web.forgotPassword.email")}
            autoComplete="email"
            required
            defaultValue={invalid?.email}
            error={errors.email}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("web.form.submitting") : t("web.forgotPassword.submit")}
          </button>
        </Form>
        <p className="muted">
          <Link to="/sign-in">{t("web.forgotPassword.signInLink")}</Link>
        </p>
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
