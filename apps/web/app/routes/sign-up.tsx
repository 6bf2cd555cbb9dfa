import { authResponse, requestMatches } from "@mentora/core";
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
import { MatchRequestFields } from "~/components/match-request-fields";
import { TextField } from "~/components/text-field";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { authErrorKeyFromResponse, type FormError } from "~/lib/auth-errors";
import { retryAfterHeaders, tooManyAttempts } from "~/lib/auth-forms.server";
import { type FieldErrors, fieldErrorsOf, formFields, signUpSchema } from "~/lib/forms";
import { assertSameOrigin } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { matchRequestFrom } from "~/lib/match-form";
import { pageTitle } from "~/lib/meta";
import { useRootData } from "~/lib/root-data";
import { withCaller } from "~/lib/trpc.server";

const fields = ["name", "email", "password"] as const;
type Field = (typeof fields)[number];

type ActionData =
  | { status: "sent"; email: string }
  | {
      status: "invalid";
      fieldErrors: FieldErrors<Field | "need">;
      formError?: MessageKey;
      formErrorVars?: FormError["vars"];
      values: { name: string; email: string };
    };

/** The page's answer to a refused attempt carries the action's Retry-After. */
export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.signUp.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ ctx }) => {
    if (ctx.session) throw redirect("/account");
    return null;
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async ({ ctx, authHeaders }) => {
    assertSameOrigin(request, ctx);
    const form = await request.formData();
    const input = formFields(form, fields);
    const values = { name: input.name, email: input.email };
    const parsed = signUpSchema.safeParse(input);
    // Optional: what the new mentee looks for (issue #16); checked before the account exists.
    const need = matchRequestFrom(form);
    if (!parsed.success || (need && !need.success)) {
      return {
        status: "invalid",
        fieldErrors: {
          ...(parsed.success ? {} : fieldErrorsOf<Field>(parsed.error)),
          ...(need && !need.success ? { need: "web.matches.invalid" as const } : {}),
        },
        values,
      } satisfies ActionData;
    }
    const response = await authResponse(
      ctx.services.auth.api.signUpEmail({
        body: { ...parsed.data, callbackURL: "/sign-in?verified=1" },
        headers: authHeaders,
        // With the request, better-auth also runs its own origin check, and core's email hook
        // sees Accept-Language: a French visitor gets the verification email in French. (Its
        // body was read above: better-auth takes `body`; the headers carry our client IP.)
        request: new Request(request.url, { method: request.method, headers: authHeaders }),
        asResponse: true,
      }),
    );
    if (response.status === 429) {
      // The same for a known and an unknown address: the limit counts attempts, not accounts.
      const { error, init } = tooManyAttempts(response);
      return data(
        {
          status: "invalid",
          fieldErrors: {},
          formError: error.key,
          formErrorVars: error.vars,
          values,
        } satisfies ActionData,
        init,
      );
    }
    if (!response.ok) {
      const formError = await authErrorKeyFromResponse(response);
      const fieldErrors: FieldErrors<Field> =
        formError === "web.authErrors.PASSWORD_TOO_SHORT"
          ? { password: "web.form.passwordTooShort" }
          : formError === "web.authErrors.INVALID_EMAIL"
            ? { email: "web.form.invalidEmail" }
            : {};
      return { status: "invalid", fieldErrors, formError, values } satisfies ActionData;
    }
    if (need?.success) {
      // The account this very request created (its id from better-auth's answer, never from
      // the form): its matches are ranked now and e-mailed; the page shows them after sign-in.
      try {
        const created = (await response.clone().json()) as { user?: { id?: string } };
        if (created.user?.id) {
          await requestMatches(ctx.services, created.user.id, need.data, {
            timeZone: ctx.timezone,
          });
        }
      } catch (err) {
        // The account exists: a failed ranking must not turn the sign-up into an error.
        ctx.services.logger.error({ err, requestId: ctx.requestId }, "sign-up matching failed");
      }
    }
    return { status: "sent", email: parsed.data.email } satisfies ActionData;
  });
}

function CheckEmail({ email }: { email: string }) {
  const t = useT();
  const devTools = useRootData()?.devTools ?? false;
  return (
    <div className="container narrow">
      <Card asChild className="p-7">
        <section aria-labelledby="check-email-heading">
          <h1 id="check-email-heading">{t("web.checkEmail.heading")}</h1>
          <p role="status">{t("web.checkEmail.body", { email })}</p>
          {devTools ? (
            <Alert tone="warning">
              {t("web.checkEmail.devHint")}{" "}
              <Link to="/dev/outbox">{t("web.checkEmail.devOutboxLink")}</Link>
            </Alert>
          ) : null}
          <p className="mt-6 flex flex-wrap gap-3">
            <Button asChild variant="secondary">
              <Link to="/sign-in">{t("web.checkEmail.signInLink")}</Link>
            </Button>
          </p>
        </section>
      </Card>
    </div>
  );
}

export default function SignUp() {
  const t = useT();
  // One shape whether the action answered 200 or 429 (data() with a status).
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  if (result?.status === "sent") return <CheckEmail email={result.email} />;
  const errors = result?.status === "invalid" ? result.fieldErrors : {};
  const hasErrors = Boolean(result?.status === "invalid");
  return (
    <div className="container narrow">
      <Card asChild className="p-7">
        <section aria-labelledby="sign-up-heading">
          <h1 id="sign-up-heading">{t("web.signUp.heading")}</h1>
          <p className="muted">{t("web.signUp.intro")}</p>
          {hasErrors ? (
            <Alert tone="danger" role="alert">
              {result?.status === "invalid" && result.formError
                ? t(result.formError, result.formErrorVars)
                : t("web.form.errorSummary")}
            </Alert>
          ) : null}
          <Form method="post" noValidate className="stack">
            <TextField
              name="name"
              label={t("web.signUp.name")}
              autoComplete="name"
              required
              defaultValue={result?.status === "invalid" ? result.values.name : undefined}
              error={errors.name}
            />
            <TextField
              name="email"
              type="email"
              label={t("web.signUp.email")}
              autoComplete="email"
              required
              defaultValue={result?.status === "invalid" ? result.values.email : undefined}
              error={errors.email}
            />
            <TextField
              name="password"
              type="password"
              label={t("web.signUp.password")}
              hint={t("web.signUp.passwordHint")}
              autoComplete="new-password"
              required
              minLength={8}
              error={errors.password}
            />
            <p className="muted">{t("web.matches.signUpHint")}</p>
            <MatchRequestFields error={errors.need ? t(errors.need) : null} />
            <Button type="submit" disabled={busy}>
              {busy ? t("web.form.submitting") : t("web.signUp.submit")}
            </Button>
          </Form>
          <p className="muted">
            {t("web.signUp.haveAccount")} <Link to="/sign-in">{t("web.signUp.signInLink")}</Link>
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
