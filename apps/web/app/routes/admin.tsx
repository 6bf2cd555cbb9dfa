import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { httpError, withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.admin.title");

/** Admins only: anonymous → sign-in (and back), others → 403 (the procedure checks too). */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ caller, ctx }) => {
    const url = new URL(request.url);
    if (!ctx.session) {
      throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
    }
    if (ctx.session.user.role !== "ADMIN") throw httpError(ctx, "FORBIDDEN");
    const cursor = url.searchParams.get("cursor") || undefined;
    const page = await caller.admin.users.list({ limit: 25, cursor });
    return { ...page, isFirstPage: !cursor };
  });
}

export default function Admin() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("web.admin.heading")}</h1>
      {items.length === 0 ? (
        <p className="card">{t("web.admin.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("web.admin.name")}</th>
                <th scope="col">{t("web.admin.email")}</th>
                <th scope="col">{t("web.admin.role")}</th>
                <th scope="col">{t("web.admin.verified")}</th>
                <th scope="col">{t("web.admin.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{t(`web.roles.${user.role}`)}</td>
                  <td>{user.emailVerified ? t("web.admin.yes") : t("web.admin.no")}</td>
                  <td>
                    <time dateTime={user.createdAt.toISOString()}>
                      {formatDate(user.createdAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("web.admin.pagination")}>
        {isFirstPage ? null : <Link to="/admin">{t("web.admin.firstPage")}</Link>}
        {nextCursor ? (
          <Link
            to={`/admin?cursor=${encodeURIComponent(nextCursor)}`}
            className="button button-secondary"
          >
            {t("web.admin.nextPage")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <div className="container">
      <ErrorPage error={useRouteError()} />
    </div>
  );
}
