import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { ErrorPage } from "~/components/error-page";
import { LinkTab, NavTabs } from "~/components/ui/nav-tabs";
import { formText } from "~/lib/forms";
import { attempt, requireSession } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.notifications.title");

/** The viewer's notifications, newest first, in cursor pages; `?unread=1` keeps the unread. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const url = new URL(request.url);
    const cursor = url.searchParams.get("cursor") || undefined;
    const unreadOnly = url.searchParams.get("unread") === "1";
    const page = await input.caller.notifications.list({
      limit: 20,
      unreadOnly,
      ...(cursor ? { cursor } : {}),
    });
    return {
      items: page.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() })),
      nextCursor: page.nextCursor,
      isFirstPage: !cursor,
      unreadOnly,
    };
  });
}

/** Mark one or all read: plain forms, so it works without JavaScript. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    const form = await request.formData();
    if (form.get("intent") === "markAll") {
      return attempt(input.ctx, "markAll", () => input.caller.notifications.markAllRead());
    }
    const id = formText(form, "id");
    return attempt(input.ctx, "markRead", () => input.caller.notifications.markRead({ id }), id);
  });
}

export default function NotificationsPage() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, isFirstPage, unreadOnly } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useRevalidateOn(["notification"]);
  const filter = unreadOnly ? "&unread=1" : "";
  const markedAll =
    result?.ok && result.intent === "markAll" && "count" in (result.result as object)
      ? t("web.notifications.markedAll", { count: (result.result as { count: number }).count })
      : null;
  return (
    <div className="container">
      <h1>{t("web.notifications.heading")}</h1>
      <div className="toolbar">
        <NavTabs label={t("web.notifications.title")} className="mb-0">
          <LinkTab to="/notifications" current={!unreadOnly}>
            {t("web.notifications.showAll")}
          </LinkTab>
          <LinkTab to="/notifications?unread=1" current={unreadOnly}>
            {t("web.notifications.onlyUnread")}
          </LinkTab>
        </NavTabs>
        <Form method="post">
          <button type="submit" name="intent" value="markAll" className="button button-secondary">
            {t("web.notifications.markAllRead")}
          </button>
        </Form>
      </div>
      <StatusNotice message={markedAll} />
      <ActionAlert failure={result && !result.ok ? result : null} />
      {items.length === 0 ? (
        <p className="card">{t("web.notifications.empty")}</p>
      ) : (
        <ul className="card notification-list" data-testid="notifications">
          {items.map((item) => {
            const unread = item.readAt === null;
            return (
              <li
                key={item.id}
                className={unread ? "notification-item unread" : "notification-item"}
                data-testid="notification"
              >
                <div>
                  {/* Through /notifications/:id: following a line marks it read. */}
                  <Link to={`/notifications/${item.id}`}>{item.text}</Link>
                  <time className="muted small block" dateTime={item.createdAt}>
                    {formatDate(new Date(item.createdAt))}
                  </time>
                </div>
                {unread ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={item.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="markRead"
                      className="button button-small button-secondary"
                      aria-label={`${t("web.notifications.markRead")}: ${item.text}`}
                    >
                      {t("web.notifications.markRead")}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <nav className="pager" aria-label={t("web.notifications.pagination")}>
        {isFirstPage ? null : (
          <Link to={unreadOnly ? "/notifications?unread=1" : "/notifications"}>
            {t("web.admin.firstPage")}
          </Link>
        )}
        {nextCursor ? (
          <Link
            to={`/notifications?cursor=${encodeURIComponent(nextCursor)}${filter}`}
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
