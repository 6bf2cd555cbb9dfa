import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { formText } from "~/lib/forms";
import { attempt, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "web.adminMessageReports.title");

const statuses = ["OPEN", "DISMISSED", "HIDDEN"] as const;
type Status = (typeof statuses)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const params = new URL(request.url).searchParams;
    const asked = params.get("status");
    const status: Status = statuses.includes(asked as Status) ? (asked as Status) : "OPEN";
    const cursor = params.get("after") || undefined;
    const page = await input.caller.admin.messageReports.list({ status, cursor });
    return { ...page, status };
  });
}

/** Hide the reported message for everyone, or dismiss its reports. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const form = await request.formData();
    const reportId = formText(form, "reportId");
    const decision = formText(form, "decision") === "hide" ? "hide" : "dismiss";
    return attempt(
      input.ctx,
      decision,
      () => input.caller.admin.messageReports.decide({ reportId, decision }),
      reportId,
    );
  });
}

/** The report queue (decision 035): each report with its message, sender and booking. */
export default function AdminMessageReports() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, status } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="stack">
      <h1>{t("web.adminMessageReports.heading")}</h1>
      <p className="muted">{t("web.adminMessageReports.intro")}</p>
      <Form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="report-status">{t("web.adminMessageReports.filter")}</label>
          <select id="report-status" name="status" defaultValue={status}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`web.adminMessageReports.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-small button-secondary">
          {t("web.adminMessageReports.filter")}
        </button>
      </Form>
      <StatusNotice message={result?.ok ? t("web.adminMessageReports.decided") : null} />
      {items.length === 0 ? (
        <p className="card">{t("web.adminMessageReports.empty")}</p>
      ) : (
        <ul className="stack" data-testid="message-reports">
          {items.map((report) => (
            <li key={report.id} className="card stack-tight" data-report-id={report.id}>
              <p className="small muted">
                {t("web.adminMessageReports.reportedOn", {
                  date: formatDate(new Date(report.createdAt)),
                })}{" "}
                ·{" "}
                {report.source === "RECIPIENT"
                  ? t("web.adminMessageReports.source.RECIPIENT", {
                      name: report.reporter?.name ?? "—",
                    })
                  : t("web.adminMessageReports.source.MODERATION")}
              </p>
              {report.reason ? (
                <p>{t("web.adminMessageReports.reason", { reason: report.reason })}</p>
              ) : null}
              <dl className="details">
                <div>
                  <dt>{t("web.adminMessageReports.sender")}</dt>
                  <dd>
                    {report.message.sender.name} ({report.message.sender.email})
                  </dd>
                </div>
                <div>
                  <dt>{t("web.adminMessageReports.booking")}</dt>
                  <dd>
                    <Link to={`/bookings/${report.message.bookingId}`}>
                      {report.message.bookingTitle}
                    </Link>
                  </dd>
                </div>
                <div>
                  <dt>{t("web.adminMessageReports.message")}</dt>
                  <dd className="prose" data-testid="reported-body">
                    {report.message.body}
                  </dd>
                </div>
                {report.message.attachmentUrl ? (
                  <div>
                    <dt>{t("web.adminMessageReports.image")}</dt>
                    <dd>
                      <a href={report.message.attachmentUrl}>
                        {t("web.adminMessageReports.image")}
                      </a>
                    </dd>
                  </div>
                ) : null}
              </dl>
              {report.status === "OPEN" ? (
                <div className="session-actions">
                  {(["hide", "dismiss"] as const).map((decision) => (
                    <Form method="post" key={decision}>
                      <input type="hidden" name="reportId" value={report.id} />
                      <input type="hidden" name="decision" value={decision} />
                      <button
                        type="submit"
                        disabled={busy}
                        className={
                          decision === "hide"
                            ? "button button-small button-danger"
                            : "button button-small button-secondary"
                        }
                      >
                        {t(`web.adminMessageReports.${decision}`)}
                      </button>
                    </Form>
                  ))}
                </div>
              ) : report.message.hidden ? (
                <p className="small muted">{t("web.adminMessageReports.alreadyHidden")}</p>
              ) : null}
              <ActionAlert
                failure={result && !result.ok && result.target === report.id ? result : null}
              />
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p>
          <Link to={`?status=${status}&after=${nextCursor}`}>
            {t("web.adminMessageReports.more")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
