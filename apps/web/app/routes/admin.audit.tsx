import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/lib/guards.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminAudit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const params = new URL(request.url).searchParams;
    const action = (params.get("action") ?? "").trim();
    const targetId = (params.get("target") ?? "").trim();
    const cursor = params.get("cursor") || undefined;
    const page = await input.caller.admin.audit.list({
      ...(action ? { action } : {}),
      ...(targetId ? { targetId } : {}),
      limit: 50,
      ...(cursor ? { cursor } : {}),
    });
    return { ...page, action, target: targetId, isFirstPage: !cursor };
  });
}

/** Every admin action: who, what, on what, when and from which address. */
export default function AdminAudit() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const data = useLoaderData<typeof loader>();
  const query = new URLSearchParams({
    ...(data.action ? { action: data.action } : {}),
    ...(data.target ? { target: data.target } : {}),
  });
  return (
    <>
      <h1>{t("web.adminAudit.heading")}</h1>
      <Form method="get" className="inline-fields">
        <div className="field">
          <label htmlFor="audit-action">{t("web.adminAudit.action")}</label>
          <input
            id="audit-action"
            name="action"
            defaultValue={data.action}
            placeholder="payout.approve"
          />
        </div>
        <div className="field">
          <label htmlFor="audit-target">{t("web.adminAudit.target")}</label>
          <input id="audit-target" name="target" defaultValue={data.target} />
        </div>
        <div>
          <button type="submit" className="button">
            {t("web.adminAudit.filter")}
          </button>
        </div>
      </Form>
      {data.items.length === 0 ? (
        <p className="muted">{t("web.adminAudit.none")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t("web.adminAudit.when")}</th>
                <th scope="col">{t("web.adminAudit.who")}</th>
                <th scope="col">{t("web.adminAudit.action")}</th>
                <th scope="col">{t("web.adminAudit.target")}</th>
                <th scope="col">{t("web.adminAudit.from")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <tr key={row.id} data-testid="audit-row">
                  <td>{formatDate(row.createdAt)}</td>
                  <td>{row.actorEmail ?? row.actorId ?? "—"}</td>
                  <th scope="row">
                    <code>{row.action}</code>
                  </th>
                  <td>
                    {row.targetType} <code className="small">{row.targetId}</code>
                  </td>
                  <td>
                    {row.ip ?? "—"}
                    {row.userAgent ? (
                      <span className="muted small block">{row.userAgent}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {!data.isFirstPage ? (
          <Link to={`/admin/audit?${query}`}>{t("web.adminAudit.first")}</Link>
        ) : null}{" "}
        {data.nextCursor ? (
          <Link
            to={`/admin/audit?${new URLSearchParams({ ...Object.fromEntries(query), cursor: data.nextCursor })}`}
          >
            {t("web.adminAudit.next")}
          </Link>
        ) : null}
      </p>
    </>
  );
}
