import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { NavTab, NavTabs } from "~/components/ui/nav-tabs";
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
      <NavTabs label={t("web.admin.nav")}>
        <NavTab to="/admin" end>
          {t("web.admin.navUsers")}
        </NavTab>
        <NavTab to="/admin/payments">{t("web.admin.navPayments")}</NavTab>
        <NavTab to="/admin/webhooks">{t("web.admin.navWebhooks")}</NavTab>
        <NavTab to="/admin/payouts">{t("web.adminPayouts.nav")}</NavTab>
        <NavTab to="/admin/video">{t("web.adminVideo.nav")}</NavTab>
        <NavTab to="/admin/disputes">{t("web.adminDisputes.nav")}</NavTab>
        <NavTab to="/admin/audit">{t("web.adminAudit.nav")}</NavTab>
        <NavTab to="/admin/jobs">{t("web.adminJobs.nav")}</NavTab>
        <NavTab to="/admin/moderation">{t("web.admin.navModeration")}</NavTab>
        <NavTab to="/admin/message-reports">{t("web.admin.navMessageReports")}</NavTab>
        <NavTab to="/admin/reviews">{t("web.adminReviews.nav")}</NavTab>
        <NavTab to="/admin/activity">{t("web.admin.navActivity")}</NavTab>
        <NavTab to="/admin/accounting">{t("web.admin.navAccounting")}</NavTab>
        <NavTab to="/admin/webhook-endpoints">{t("web.webhookEndpoints.adminNav")}</NavTab>
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
