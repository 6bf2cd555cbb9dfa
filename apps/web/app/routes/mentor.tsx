import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { NavTab, NavTabs } from "~/components/ui/nav-tabs";
import { requireSession } from "~/lib/guards.server";
import { useT } from "~/lib/i18n";
import { withCaller } from "~/lib/trpc.server";

/** The mentor area: its own navigation around every /mentor/* page. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    const user = requireSession(request, input);
    return { isMentor: user.role === "MENTOR", userId: user.id };
  });
}

export default function MentorArea() {
  const t = useT();
  const { isMentor, userId } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <NavTabs label={t("web.mentorArea.nav")}>
        {isMentor ? (
          <>
            <NavTab to="/mentor" end>
              {t("web.mentorArea.dashboard")}
            </NavTab>
            <NavTab to="/mentor/calendar">{t("web.mentorArea.calendar")}</NavTab>
            <NavTab to="/mentor/offerings">{t("web.mentorArea.offerings")}</NavTab>
            <NavTab to="/mentor/availability">{t("web.mentorArea.availability")}</NavTab>
            <NavTab to="/mentor/invitations">{t("web.mentorArea.invitations")}</NavTab>
            <NavTab to="/mentor/revenue">{t("web.mentorArea.revenue")}</NavTab>
            <NavTab to="/mentor/payouts">{t("web.mentorPayouts.nav")}</NavTab>
            <NavTab to="/mentor/blocked">{t("web.mentorArea.blocked")}</NavTab>
            <NavTab to="/mentor/calendars">{t("web.mentorCalendars.nav")}</NavTab>
            <NavTab to="/mentor/webhooks">{t("web.webhookEndpoints.nav")}</NavTab>
            <NavTab to="/mentor/profile">{t("web.mentorArea.profile")}</NavTab>
            <NavTab to={`/mentors/${userId}`}>{t("web.mentorArea.publicPage")}</NavTab>
          </>
        ) : (
          <>
            <NavTab to="/mentor/apply">{t("web.mentorArea.apply")}</NavTab>
            <NavTab to="/mentor/profile">{t("web.mentorArea.profile")}</NavTab>
          </>
        )}
      </NavTabs>
      <Outlet />
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
