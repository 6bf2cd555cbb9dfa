import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { httpError, withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.outbox.title");

/** Emails stored instead of sent (no SMTP configured). Outside production only: else 404. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async ({ caller, ctx }) => {
    if (ctx.services.config.app.env === "production") throw httpError(ctx, "NOT_FOUND");
    const emails = await caller.dev.outbox.list();
    return {
      emails: emails.map(({ id, to, subject, createdAt }) => ({ id, to, subject, createdAt })),
    };
  });
}

export default function Outbox() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { emails } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <h1>{t("web.outbox.heading")}</h1>
      <p className="muted">{t("web.outbox.intro")}</p>
      {emails.length === 0 ? (
        <p className="card">{t("web.outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("web.outbox.subject")}</th>
                <th scope="col">{t("web.outbox.to")}</th>
                <th scope="col">{t("web.outbox.sentAt")}</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id}>
                  <td>
                    <Link to={`/dev/outbox/${email.id}`}>{email.subject}</Link>
                  </td>
                  <td>{email.to}</td>
                  <td>
                    <time dateTime={email.createdAt.toISOString()}>
                      {formatDate(email.createdAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
