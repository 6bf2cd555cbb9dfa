import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { requireAdmin } from "~/lib/guards.server";
import { useT } from "~/lib/i18n";
import { withCaller } from "~/lib/trpc.server";

/** The admin area: its own navigation around every /admin/* page (each page checks too). */
export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    return null;
  });
}

export default function AdminArea() {
  const t = useT();
  return (
    <div className="container">
      <nav className="subnav" aria-label={t("web.admin.nav")}>
        <ul>
          <li>
            <NavLink to="/admin" end>
              {t("web.admin.navUsers")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/payments">{t("web.admin.navPayments")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/webhooks">{t("web.admin.navWebhooks")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/payouts">{t("web.adminPayouts.nav")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/video">{t("web.adminVideo.nav")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/disputes">{t("web.adminDisputes.nav")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/audit">{t("web.adminAudit.nav")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/jobs">{t("web.adminJobs.nav")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/moderation">{t("web.admin.navModeration")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/message-reports">{t("web.admin.navMessageReports")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/reviews">{t("web.adminReviews.nav")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/activity">{t("web.admin.navActivity")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/accounting">{t("web.admin.navAccounting")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/webhook-endpoints">{t("web.webhookEndpoints.adminNav")}</NavLink>
          </li>
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
