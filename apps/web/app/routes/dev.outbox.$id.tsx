import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { linkify } from "~/lib/linkify";
import { pageTitle } from "~/lib/meta";
import { httpError, withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.outbox.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withCaller(request, async ({ caller, ctx }) => {
    if (ctx.services.config.app.env === "production") throw httpError(ctx, "NOT_FOUND");
    const email = await caller.dev.outbox.get({ id: params.id ?? "" });
    return {
      email: { to: email.to, subject: email.subject, text: email.text, createdAt: email.createdAt },
    };
  });
}

export default function OutboxEmail() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { email } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <p>
        <Link to="/dev/outbox">
          <span aria-hidden="true">← </span>
          {t("web.outbox.back")}
        </Link>
      </p>
      <article className="card" aria-labelledby="email-subject">
        <h1 id="email-subject">{email.subject}</h1>
        <dl className="details">
          <div>
            <dt>{t("web.outbox.to")}</dt>
            <dd>{email.to}</dd>
          </div>
          <div>
            <dt>{t("web.outbox.sentAt")}</dt>
            <dd>
              <time dateTime={email.createdAt.toISOString()}>{formatDate(email.createdAt)}</time>
            </dd>
          </div>
        </dl>
        <h2 className="visually-hidden">{t("web.outbox.message")}</h2>
        <div className="email-text">{linkify(email.text)}</div>
      </article>
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
