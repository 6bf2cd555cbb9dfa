import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { StatusNotice } from "~/components/action-alert";
import { type Column, DataTable } from "~/components/admin/data-table";
import { type FilterField, FilterForm } from "~/components/admin/filter-form";
import { Pager } from "~/components/admin/pager";
import {
  EndpointStatus,
  NewEndpointForm,
  SecretNotice,
  secretOf,
} from "~/components/webhook-endpoints";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";
import { requireWebhookArea, webhookEndpointAction } from "~/lib/webhook-endpoints.server";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "web.webhookEndpoints.adminHeading");

const scopes = ["PLATFORM", "MENTOR"] as const;
type Scope = (typeof scopes)[number];
const isScope = (value: string): value is Scope => (scopes as readonly string[]).includes(value);

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireWebhookArea(request, input, "admin");
    const params = new URL(request.url).searchParams;
    const scope = params.get("scope") ?? "";
    const enabled = params.get("enabled") ?? "";
    const url = (params.get("url") ?? "").trim().slice(0, 200);
    const cursor = params.get("cursor") || undefined;
    const page = await input.caller.admin.webhookEndpoints.list({
      limit: 25,
      ...(isScope(scope) ? { scope } : {}),
      ...(enabled === "on" || enabled === "off" ? { enabled: enabled === "on" } : {}),
      ...(url ? { url } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const query = new URLSearchParams();
    if (isScope(scope)) query.set("scope", scope);
    if (enabled === "on" || enabled === "off") query.set("enabled", enabled);
    if (url) query.set("url", url);
    return {
      ...page,
      filters: { scope: isScope(scope) ? scope : "", enabled, url },
      query: query.size > 0 ? `?${query}` : "",
      isFirstPage: !cursor,
      deleted: params.get("deleted") === "1",
    };
  });
}

export const action = (args: ActionFunctionArgs) => webhookEndpointAction(args, "admin");

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

/** Every webhook endpoint (platform and mentors'), with filters, and a platform endpoint form. */
export default function AdminWebhookEndpoints() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, filters, query, isFirstPage, deleted } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fields: FilterField[] = [
    {
      kind: "select",
      name: "scope",
      label: t("web.webhookEndpoints.scope"),
      options: scopes.map((scope) => ({
        value: scope,
        label: t(`web.webhookEndpoints.scopes.${scope}`),
      })),
    },
    {
      kind: "select",
      name: "enabled",
      label: t("web.webhookEndpoints.status"),
      options: [
        { value: "on", label: t("web.webhookEndpoints.statusEnabled") },
        { value: "off", label: t("web.webhookEndpoints.statusDisabled") },
      ],
    },
    { kind: "search", name: "url", label: t("web.webhookEndpoints.url") },
  ];
  const columns: Column<Row>[] = [
    {
      id: "url",
      header: t("web.webhookEndpoints.url"),
      rowHeader: true,
      sortValue: (row) => row.url,
      cell: (row) => (
        <>
          <Link
            to={`/admin/webhook-endpoints/${row.id}`}
            aria-label={t("web.webhookEndpoints.manageLabel", { url: row.url })}
            className="prose"
          >
            {row.url}
          </Link>
          {row.description ? <span className="muted small block">{row.description}</span> : null}
        </>
      ),
    },
    {
      id: "scope",
      header: t("web.webhookEndpoints.scope"),
      sortValue: (row) => row.scope,
      cell: (row) => t(`web.webhookEndpoints.scopes.${row.scope}`),
    },
    {
      id: "owner",
      header: t("web.webhookEndpoints.owner"),
      sortValue: (row) => row.ownerName,
      cell: (row) => row.ownerName ?? row.ownerId,
    },
    {
      id: "events",
      header: t("web.webhookEndpoints.events"),
      className: "small",
      cell: (row) => row.events.join(", "),
    },
    {
      id: "status",
      header: t("web.webhookEndpoints.status"),
      sortValue: (row) => (row.enabled ? 1 : 0),
      cell: (row) => <EndpointStatus endpoint={row} />,
    },
    {
      id: "failed",
      header: t("web.webhookEndpoints.failed"),
      sortValue: (row) => row.failedDeliveries,
      cell: (row) => row.failedDeliveries,
    },
    {
      id: "created",
      header: t("web.webhookEndpoints.createdAt"),
      sortValue: (row) => new Date(row.createdAt),
      cell: (row) => (
        <time dateTime={new Date(row.createdAt).toISOString()}>
          {formatDate(new Date(row.createdAt))}
        </time>
      ),
    },
  ];
  const created = result?.ok && result.intent === "create";
  return (
    <>
      <h1>{t("web.webhookEndpoints.adminHeading")}</h1>
      <p className="lead">{t("web.webhookEndpoints.adminIntro")}</p>
      <StatusNotice
        message={
          created
            ? t("web.webhookEndpoints.created")
            : deleted
              ? t("web.webhookEndpoints.deleted")
              : null
        }
      />
      <SecretNotice secret={secretOf(result)} />
      <FilterForm
        path="/admin/webhook-endpoints"
        fields={fields}
        values={{ scope: filters.scope, enabled: filters.enabled, url: filters.url }}
      />
      <DataTable
        caption={t("web.webhookEndpoints.adminHeading")}
        columns={columns}
        rows={items}
        rowKey={(row) => row.id}
        rowProps={(row) => ({ "data-testid": "webhook-endpoint", "data-endpoint-id": row.id })}
        empty={<p className="card">{t("web.webhookEndpoints.empty")}</p>}
        testId="admin-webhook-endpoints"
      />
      <Pager
        path="/admin/webhook-endpoints"
        query={query}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
      />
      <NewEndpointForm heading={t("web.webhookEndpoints.newPlatformHeading")} />
    </>
  );
}
