import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { StatusNotice } from "~/components/action-alert";
import { Pager } from "~/components/admin/pager";
import { Avatar } from "~/components/avatar";
import { BookingStatus, CancelBookingForm, isCancellable } from "~/components/booking-bits";
import { ErrorPage } from "~/components/error-page";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { LinkTab, NavTabs } from "~/components/ui/nav-tabs";
import { withAvatar } from "~/lib/avatars.server";
import { cancelFromForm } from "~/lib/bookings-action.server";
import { requireSession } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useDateFormats, useFormatDuration, useFormatMoney, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.bookings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireSession(request, input);
    const url = new URL(request.url);
    const tab = url.searchParams.get("tab") === "past" ? "past" : "upcoming";
    const cursor = url.searchParams.get("cursor") || undefined;
    const [page, previousMentors, awaitingReview] = await Promise.all([
      input.caller.bookings.listMine({ when: tab, limit: 10, ...(cursor ? { cursor } : {}) }),
      input.caller.bookings.previousMentors(),
      // "Rate your session" beside the past sessions the person may still review (issue #18).
      input.caller.reviews.awaiting(),
    ]);
    return {
      tab,
      items: page.items.map((booking) => ({ ...booking, mentor: withAvatar(booking.mentor) })),
      nextCursor: page.nextCursor,
      isFirstPage: !cursor,
      previousMentors: previousMentors.map((mentor) => withAvatar(mentor)),
      awaitingReview: awaitingReview.bookingIds,
    };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireSession(request, input);
    return cancelFromForm(input, await request.formData());
  });
}

export default function Bookings() {
  const t = useT();
  const formats = useDateFormats();
  const formatMoney = useFormatMoney();
  const formatDuration = useFormatDuration();
  const { tab, items, nextCursor, isFirstPage, previousMentors, awaitingReview } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  return (
    <div className="container">
      <h1>{t("web.bookings.heading")}</h1>
      <NavTabs label={t("web.bookings.tabs")}>
        <LinkTab to="/bookings" current={tab === "upcoming"}>
          {t("web.bookings.upcoming")}
        </LinkTab>
        <LinkTab to="/bookings?tab=past" current={tab === "past"}>
          {t("web.bookings.past")}
        </LinkTab>
      </NavTabs>
      <StatusNotice message={result?.ok ? t("web.bookings.cancelled") : null} />
      {items.length === 0 ? (
        <Card className="mb-6">
          <p>
            {tab === "upcoming" ? t("web.bookings.emptyUpcoming") : t("web.bookings.emptyPast")}
          </p>
          <Button asChild>
            <Link to="/mentors">{t("web.bookings.findMentor")}</Link>
          </Button>
        </Card>
      ) : (
        <ul className="booking-list">
          {items.map((booking) => (
            <li key={booking.id} className="card booking-row" data-testid="booking">
              <div className="booking-row-main">
                <Avatar name={booking.mentor.name} src={booking.mentor.avatarUrl} size={48} />
                <div className="stack-tight">
                  <h2 className="h3">
                    <Link to={`/bookings/${booking.id}`}>{booking.offeringTitle}</Link>
                  </h2>
                  <p>
                    {t("web.bookings.with", { name: booking.mentor.name })} ·{" "}
                    {formatDuration(booking.durationMinutes)} ·{" "}
                    {formatMoney(booking.priceMinor, booking.currency)}
                  </p>
                  <p>
                    <time dateTime={booking.startsAt.toISOString()}>
                      {formats.dateTime(booking.startsAt)}
                    </time>
                  </p>
                  <BookingStatus status={booking.status} holdExpiresAt={booking.holdExpiresAt} />
                  {awaitingReview.includes(booking.id) ? (
                    <p>
                      <Link
                        to={`/bookings/${booking.id}#review`}
                        className="button button-small"
                        data-testid="rate-session"
                      >
                        {t("web.reviews.prompt")}
                      </Link>
                    </p>
                  ) : null}
                </div>
              </div>
              {isCancellable(booking) ? (
                <CancelBookingForm
                  bookingId={booking.id}
                  failure={result && !result.ok && result.target === booking.id ? result : null}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pager
        path="/bookings"
        query={tab === "past" ? "tab=past" : ""}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
      />

      <section className="card" aria-labelledby="previous-mentors-heading">
        <h2 id="previous-mentors-heading">{t("web.bookings.previousMentors")}</h2>
        {previousMentors.length === 0 ? (
          <p className="muted">{t("web.bookings.noPreviousMentors")}</p>
        ) : (
          <ul className="people-list">
            {previousMentors.map((mentor) => (
              <li key={mentor.id} className="person">
                <Avatar name={mentor.name} src={mentor.avatarUrl} size={40} />
                <div>
                  <Link to={`/mentors/${mentor.id}`}>{mentor.name}</Link>
                  {mentor.headline ? <p className="small muted">{mentor.headline}</p> : null}
                  <p className="small muted">
                    {t("web.bookings.lastSession", {
                      date: formats.longDate(mentor.lastSessionAt),
                    })}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
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
