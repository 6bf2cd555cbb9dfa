import { safeRedirectPath } from "@mentora/core";
import type { MessageKey } from "@mentora/i18n";
import {
  type ActionFunctionArgs,
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
import { ErrorPage } from "~/components/error-page";
import { TextField } from "~/components/text-field";
import { authErrorKeyFromResponse } from "~/lib/auth-errors";
import { assertSameOrigin, setCookieHeaders } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "web.accounts.signInCode.title");

function redirectTarget(request: Request): string {
  return safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/account");
}

/** The second step of a sign-in: a code from the authenticator app, or a backup code. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ ctx }) => {
    const url = new URL(request.url);
    const redirectTo = redirectTarget(request);
    if (ctx.session?.session.twoFactorVerified) throw redirect(redirectTo);
    return { redirectTo, backup: url.searchParams.get("method") === "backup" };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller(
    { request, context },
    async ({ ctx, authHeaders }): Promise<{ formError: MessageKey }> => {
      assertSameOrigin(request, ctx);
      const form = await request.formData();
      const code = String(form.get("code") ?? "").replace(/\s+/g, "");
      if (!code || code.length > 64) return { formError: "web.accounts.twoFactor.invalidCode" };
      const { auth } = ctx.services;
      // The pending sign-in travels in better-auth's two-factor cookie of this request.
      const response =
        form.get("method") === "backup"
          ? await auth.api.verifyBackupCode({
              body: { code },
              headers: authHeaders,
              asResponse: true,
            })
          : await auth.api.verifyTOTP({ body: { code }, headers: authHeaders, asResponse: true });
      if (!response.ok) {
        const body = (await response
          .clone()
          .json()
          .catch(() => ({}))) as { code?: unknown };
        if (body.code === "INVALID_TWO_FACTOR_COOKIE") {
          return { formError: "web.accounts.signInCode.expired" };
        }
        if (response.status === 429) return { formError: await authErrorKeyFromResponse(response) };
        return { formError: "web.accounts.twoFactor.invalidCode" };
      }
      throw redirect(redirectTarget(request), { headers: setCookieHeaders(response.headers) });
    },
  );
}

export default function SignInCode() {
  const t = useT();
  const { redirectTo, backup } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const back = encodeURIComponent(redirectTo);
  return (
    <div className="container narrow">
      <section className="card" aria-labelledby="two-factor-heading">
        <h1 id="two-factor-heading">{t("web.accounts.signInCode.heading")}</h1>
        <p>{t("web.accounts.signInCode.intro")}</p>
        {result?.formError ? (
          <div className="alert alert-error" role="alert">
            {t(result.formError)}
          </div>
        ) : null}
        <Form method="post" action={`?redirectTo=${back}`} noValidate className="stack">
          <input type="hidden" name="method" value={backup ? "backup" : "totp"} />
          <TextField
            name="code"
            label={t(
              backup ? "web.accounts.signInCode.backupCode" : "web.accounts.signInCode.code",
            )}
            autoComplete="one-time-code"
            required
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("web.form.submitting") : t("web.accounts.signInCode.submit")}
          </button>
        </Form>
        <p className="muted">
          {backup ? (
            <Link to={`?redirectTo=${back}`}>{t("web.accounts.signInCode.useApp")}</Link>
          ) : (
            <Link to={`?redirectTo=${back}&method=backup`}>
              {t("web.accounts.signInCode.useBackup")}
            </Link>
          )}
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
