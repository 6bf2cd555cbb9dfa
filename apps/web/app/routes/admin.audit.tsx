import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { type Column, DataTable } from "~/components/admin/data-table";
import { type FilterField, FilterForm } from "~/components/admin/filter-form";
import { Pager } from "~/components/admin/pager";
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

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

/** Every admin action: who, what, on what, when and from which address. */
export default function AdminAudit() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const data = useLoaderData<typeof loader>();
  const query = new URLSearchParams({
    ...(data.action ? { action: data.action } : {}),
    ...(data.target ? { target: data.target } : {}),
  });
  const fields: FilterField[] = [
    {
      kind: "text",
      name: "action",
      label: t("web.adminAudit.action"),
      placeholder: "payout.approve",
    },
    { kind: "text", name: "target", label: t("web.adminAudit.target") },
  ];
  const columns: Column<Row>[] = [
    {
      id: "when",
      header: t("web.adminAudit.when"),
      sortValue: (row) => new Date(row.createdAt),
      cell: (row) => formatDate(new Date(row.createdAt)),
    },
    {
      id: "who",
      header: t("web.adminAudit.who"),
      sortValue: (row) => row.actorEmail ?? row.actorId,
      cell: (row) => row.actorEmail ?? row.actorId ?? "—",
    },
    {
      id: "action",
      header: t("web.adminAudit.action"),
      rowHeader: true,
      sortValue: (row) => row.action,
      cell: (row) => <code>{row.action}</code>,
    },
    {
      id: "target",
      header: t("web.adminAudit.target"),
      cell: (row) => (
        <>
          {row.targetType} <code className="small">{row.targetId}</code>
        </>
      ),
    },
    {
      id: "from",
      header: t("web.adminAudit.from"),
      cell: (row) => (
        <>
          {row.ip ?? "—"}
          {row.userAgent ? <span className="muted small block">{row.userAgent}</span> : null}
        </>
      ),
    },
  ];
  return (
    <>
      <h1>{t("web.adminAudit.heading")}</h1>
      <FilterForm
        path="/admin/audit"
        fields={fields}
        values={{ action: data.action, target: data.target }}
      />
      <DataTable
        caption={t("web.adminAudit.heading")}
        columns={columns}
        rows={data.items}
        rowKey={(row) => row.id}
        rowProps={() => ({ "data-testid": "audit-row" })}
        empty={<p className="muted">{t("web.adminAudit.none")}</p>}
        testId="audit-log"
      />
      <Pager
        path="/admin/audit"
        query={query.size > 0 ? `?${query}` : ""}
        isFirstPage={data.isFirstPage}
        nextCursor={data.nextCursor}
      />
    </>
  );
}
