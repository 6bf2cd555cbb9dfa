import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { requireSession } from "~/lib/guards.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.messages.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const cursor = new URL(request.url).searchParams.get("after") || undefined;
    return input.caller.messages.list(cursor ? { cursor } : undefined);
  });
}

/** The viewer's conversations, most recently active first, with unread counts; live. */
export default function MessagesIndex() {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const { items, nextCursor } = useLoaderData<typeof loader>();
  useRevalidateOn(["conversation"]);
  return (
    <div className="container narrow-wide stack">
      <h1>{t("web.messages.heading")}</h1>
      <p className="muted">{t("web.messages.intro")}</p>
      {items.length === 0 ? (
        <p className="card">{t("web.messages.empty")}</p>
      ) : (
        <ul className="stack" data-testid="conversation-list">
          {items.map((c) => (
            <li key={c.id} className="card" data-conversation-id={c.id}>
              <p>
                <Link to={`/messages/${c.id}`}>
                  <strong>{c.title}</strong> —{" "}
                  {t("web.messages.with", { names: c.with.join(", ") })}
                </Link>
                {c.unread > 0 ? (
                  <span className="badge" data-testid="unread">
                    {" "}
                    {t("web.messages.unread", { count: c.unread })}
                  </span>
                ) : null}
              </p>
              <p className="small muted">
                {t("web.messages.session", { date: formatDateTime(c.startsAt) })}
              </p>
              {c.lastMessage ? (
                <p className="small">
                  {c.lastMessage.mine ? `${t("web.messages.you")}: ` : ""}
                  {c.lastMessage.hidden
                    ? t("web.messages.hiddenPreview")
                    : c.lastMessage.preview ||
                      (c.lastMessage.hasAttachment ? t("web.messages.image") : "")}
                </p>
              ) : (
                <p className="small muted">{t("web.messages.noMessagesYet")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p>
          <Link to={`?after=${nextCursor}`}>{t("web.messages.older")}</Link>
        </p>
      ) : null}
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
