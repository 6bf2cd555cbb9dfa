import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
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
      <nav className="subnav" aria-label={t("web.mentorArea.nav")}>
        <ul>
          {isMentor ? (
            <>
              <li>
                <NavLink to="/mentor" end>
                  {t("web.mentorArea.dashboard")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/mentor/calendar">{t("web.mentorArea.calendar")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/offerings">{t("web.mentorArea.offerings")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/availability">{t("web.mentorArea.availability")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/invitations">{t("web.mentorArea.invitations")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/revenue">{t("web.mentorArea.revenue")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/payouts">{t("web.mentorPayouts.nav")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/blocked">{t("web.mentorArea.blocked")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/webhooks">{t("web.webhookEndpoints.nav")}</NavLink>
                <NavLink to="/mentor/calendars">{t("web.mentorCalendars.nav")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/profile">{t("web.mentorArea.profile")}</NavLink>
              </li>
              <li>
                <NavLink to={`/mentors/${userId}`}>{t("web.mentorArea.publicPage")}</NavLink>
              </li>
            </>
          ) : (
            <>
              <li>
                <NavLink to="/mentor/apply">{t("web.mentorArea.apply")}</NavLink>
              </li>
              <li>
                <NavLink to="/mentor/profile">{t("web.mentorArea.profile")}</NavLink>
              </li>
            </>
          )}
        </ul>
      </nav>
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
