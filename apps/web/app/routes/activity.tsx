import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ActivityFilterForm, ActivityList } from "~/components/activity-feed";
import { ErrorPage } from "~/components/error-page";
import { parseActivityParams } from "~/lib/activity.server";
import { requireSession } from "~/lib/guards.server";
import { useDateFormats, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.activity.title");

const menteeKinds = ["session", "payment", "refund", "invoice"] as const;
const mentorKinds = ["booking", "cancellation", "earnings", "payout"] as const;

/** The viewer's own feed, with their upcoming sessions and the mentors they met first. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const user = requireSession(request, input);
    const { filters, values, invalid, cursor } = parseActivityParams(
      new URL(request.url).searchParams,
    );
    const [page, upcoming, previousMentors] = await Promise.all([
      input.caller.activity.mine({ ...filters, limit: 25, ...(cursor ? { cursor } : {}) }),
      input.caller.bookings.listMine({ when: "upcoming", limit: 5 }),
      input.caller.bookings.previousMentors(),
    ]);
    return {
      ...page,
      upcoming: upcoming.items,
      previousMentors: previousMentors.slice(0, 10),
      values,
      invalid,
      filtered: Object.keys(filters).length > 0,
      isFirstPage: !cursor,
      isMentor: user.role === "MENTOR",
    };
  });
}

export default function ActivityPage() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const formats = useDateFormats(data.timeZone);
  // A new entry in the viewer's feed re-runs the loader (issue #15's stream).
  useRevalidateOn(["activity"]);
  const query = new URLSearchParams(
    Object.entries(data.values).filter(([, value]) => value !== ""),
  ).toString();
  const kinds = data.isMentor ? [...mentorKinds, ...menteeKinds] : [...menteeKinds];
  return (
    <div className="container">
      <h1>{t("web.activity.heading")}</h1>
      <p className="muted">{t("web.activity.intro", { timeZone: data.timeZone })}</p>

      <div className="grid">
        <section className="card" aria-labelledby="activity-upcoming">
          <h2 id="activity-upcoming" className="h3">
            {t("web.activity.upcomingHeading")}
          </h2>
          {data.upcoming.length === 0 ? (
            <p className="muted">{t("web.activity.noUpcoming")}</p>
          ) : (
            <ul className="plain-list" data-testid="activity-upcoming">
              {data.upcoming.map((booking) => (
                <li key={booking.id}>
                  <Link to={`/bookings/${booking.id}`}>{booking.offeringTitle}</Link> ·{" "}
                  {t("web.activity.with", { name: booking.mentor.name })}
                  <span className="block small muted">
                    <time dateTime={new Date(booking.startsAt).toISOString()}>
                      {formats.dateTime(new Date(booking.startsAt))}
                    </time>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="activity-mentors">
          <h2 id="activity-mentors" className="h3">
            {t("web.activity.mentorsHeading")}
          </h2>
          {data.previousMentors.length === 0 ? (
            <p className="muted">{t("web.activity.noMentors")}</p>
          ) : (
            <ul className="plain-list" data-testid="activity-mentors">
              {data.previousMentors.map((mentor) => (
                <li key={mentor.id}>
                  {mentor.name} ·{" "}
                  <Link
                    to={`/mentors/${mentor.id}`}
                    aria-label={t("web.activity.bookAgainWith", { name: mentor.name })}
                  >
                    {t("web.activity.bookAgain")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="activity-feed-heading" className="activity-history">
        <h2 id="activity-feed-heading">{t("web.activity.feedHeading")}</h2>
        {data.invalid ? (
          <p className="notice" role="status">
            {t("web.activity.badFilters")}
          </p>
        ) : null}
        <ActivityFilterForm path="/activity" kinds={kinds} values={data.values} />
        <ActivityList
          items={data.items}
          timeZone={data.timeZone}
          viewer="person"
          path="/activity"
          query={query}
          isFirstPage={data.isFirstPage}
          nextCursor={data.nextCursor}
          filtered={data.filtered}
        />
      </section>
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
