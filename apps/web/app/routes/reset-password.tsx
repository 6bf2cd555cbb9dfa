import { authResponse } from "@mentora/core";
import type { MessageKey } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { TextField } from "~/components/text-field";
import { authErrorKeyFromResponse } from "~/lib/auth-errors";
import { fieldErrorsOf, formFields } from "~/lib/forms";
import { assertSameOrigin } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

// Where better-auth's /api/auth/reset-password/:token sends a checked link (?token=…) or a
// dead one (?error=INVALID_TOKEN): the one-time link of `pnpm mentora admin:create`, and of a
// password-reset email. better-auth consumes the token when the password is saved.

const schema = z.object({
  token: z.string().min(1).max(200),
  password: z
    .string()
    .min(8, { error: "web.form.passwordTooShort" satisfies MessageKey })
    .max(128, { error: "web.form.passwordTooLong" satisfies MessageKey }),
});

type ActionData = { done: true } | { done: false; error: MessageKey };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.resetPassword.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("error") ? null : url.searchParams.get("token");
  return { token };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async ({ ctx, authHeaders }): Promise<ActionData> => {
    assertSameOrigin(request, ctx);
    const parsed = schema.safeParse(formFields(await request.formData(), ["token", "password"]));
    if (!parsed.success) {
      const errors = fieldErrorsOf<"token" | "password">(parsed.error);
      return { done: false, error: errors.password ?? "web.resetPassword.invalidLink" };
    }
    const response = await authResponse(
      ctx.services.auth.api.resetPassword({
        body: { token: parsed.data.token, newPassword: parsed.data.password },
        headers: authHeaders,
        asResponse: true,
      }),
    );
    if (response.ok) return { done: true };
    const key = await authErrorKeyFromResponse(response);
    return {
      done: false,
      error: key === "web.authErrors.generic" ? "web.resetPassword.invalidLink" : key,
    };
  });
}

export default function ResetPassword() {
  const t = useT();
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container narrow">
      <section className="card" aria-labelledby="reset-heading">
        <h1 id="reset-heading">{t("web.resetPassword.heading")}</h1>
        {result?.done ? (
          <div className="alert alert-success" role="status">
            {t("web.resetPassword.done")}{" "}
            <Link to="/sign-in">{t("web.resetPassword.signInLink")}</Link>
          </div>
        ) : !token ? (
          <div className="alert alert-error" role="alert">
            {t("web.resetPassword.invalidLink")}{" "}
            <Link to="/forgot-password">{t("web.resetPassword.newLinkLink")}</Link>
          </div>
        ) : (
          <>
            {result && !result.done ? (
              <div className="alert alert-error" role="alert">
                {t(result.error)}
              </div>
            ) : null}
            <Form method="post" noValidate className="stack">
              <input type="hidden" name="token" value={token} />
              <TextField
                name="password"
                type="password"
                label={t("web.resetPassword.password")}
                autoComplete="new-password"
                required
              />
              <button type="submit" className="button" disabled={busy}>
                {busy ? t("web.form.submitting") : t("web.resetPassword.submit")}
              </button>
            </Form>
          </>
        )}
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
