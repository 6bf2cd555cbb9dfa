import { activityKinds } from "@mentora/core/contracts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActivityFilterForm, ActivityList } from "~/components/activity-feed";
import { parseActivityParams } from "~/lib/activity.server";
import { requireAdmin } from "~/lib/guards.server";
import { useDateFormats, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminActivity.title");

/** What waits for an admin's decision first, then the platform feed. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const { filters, values, invalid, cursor } = parseActivityParams(
      new URL(request.url).searchParams,
    );
    const [decisions, page] = await Promise.all([
      input.caller.admin.activity.decisions(),
      input.caller.admin.activity.feed({ ...filters, limit: 50, ...(cursor ? { cursor } : {}) }),
    ]);
    return {
      ...page,
      decisions,
      values,
      invalid,
      filtered: Object.keys(filters).length > 0,
      isFirstPage: !cursor,
    };
  });
}

const decisionRows = [
  { key: "payoutsAwaitingApproval", path: "/admin/payouts" },
  { key: "failedWebhooks", path: "/admin/webhooks" },
  { key: "openDisputes", path: "/admin/disputes" },
  { key: "attendanceReviews", path: "/admin/disputes" },
] as const;

export default function AdminActivity() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const formats = useDateFormats(data.timeZone);
  // New platform entries (and with them, usually, a new decision to make) re-run the loader.
  useRevalidateOn(["activity", "admin.payouts", "admin.webhooks"]);
  const query = new URLSearchParams(
    Object.entries(data.values).filter(([, value]) => value !== ""),
  ).toString();
  const waiting = decisionRows.filter((row) => data.decisions[row.key].count > 0);
  return (
    <div>
      <h1>{t("web.adminActivity.heading")}</h1>
      <section className="card" aria-labelledby="admin-decisions" data-testid="admin-decisions">
        <h2 id="admin-decisions">{t("web.adminActivity.decisionsHeading")}</h2>
        {waiting.length === 0 ? (
          <p className="muted">{t("web.adminActivity.noDecisions")}</p>
        ) : (
          <ul className="plain-list">
            {waiting.map((row) => {
              const { count, oldestAt } = data.decisions[row.key];
              return (
                <li key={row.key} data-testid="admin-decision" data-decision={row.key}>
                  <strong>{count}</strong> · {t(`web.adminActivity.${row.key}`)}
                  {oldestAt ? (
                    <span className="small muted">
                      {" "}
                      (
                      {t("web.adminActivity.oldest", {
                        date: formats.dateTime(new Date(oldestAt)),
                      })}
                      )
                    </span>
                  ) : null}{" "}
                  · <Link to={row.path}>{t("web.adminActivity.open")}</Link>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="admin-feed-heading">
        <h2 id="admin-feed-heading">{t("web.adminActivity.feedHeading")}</h2>
        <p className="muted">{t("web.adminActivity.intro", { timeZone: data.timeZone })}</p>
        {data.invalid ? (
          <p className="notice" role="status">
            {t("web.activity.badFilters")}
          </p>
        ) : null}
        <ActivityFilterForm path="/admin/activity" kinds={activityKinds} values={data.values} />
        <ActivityList
          items={data.items}
          timeZone={data.timeZone}
          viewer="platform"
          path="/admin/activity"
          query={query}
          isFirstPage={data.isFirstPage}
          nextCursor={data.nextCursor}
          filtered={data.filtered}
        />
      </section>
    </div>
  );
}
