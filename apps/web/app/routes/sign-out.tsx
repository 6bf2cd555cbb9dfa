import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { assertSameOrigin, localeCookie, setCookieHeaders } from "~/lib/http.server";
import { useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.signOut.title");

/** GET shows a confirmation (signing out must be a POST); anonymous visitors go home. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ ctx }) => {
    if (!ctx.session) throw redirect("/");
    return null;
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async ({ ctx }) => {
    assertSameOrigin(request, ctx);
    if (!ctx.session) throw redirect("/");
    const response = await ctx.services.auth.api.signOut({
      headers: request.headers,
      asResponse: true,
    });
    // Even if the session was already gone, the cookie-clearing headers are what matters.
    const headers = setCookieHeaders(response.headers);
    // The signed-out pages stay in the language the user was reading.
    headers.append("set-cookie", localeCookie(ctx.locale, ctx.services.config.app.publicUrl));
    throw redirect("/", { headers });
  });
}

export default function SignOut() {
  const t = useT();
  return (
    <div className="container narrow">
      <section className="card" aria-labelledby="sign-out-heading">
        <h1 id="sign-out-heading">{t("web.signOut.heading")}</h1>
        <p>{t("web.signOut.confirm", { appName: t("common.appName") })}</p>
        <Form method="post">
          <button type="submit" className="button">
            {t("web.signOut.submit")}
          </button>
        </Form>
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
