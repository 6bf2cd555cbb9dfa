import { type WebhookStatus, webhookStatuses } from "@mentora/core/contracts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { type Column, DataTable } from "~/components/admin/data-table";
import { type FilterField, FilterForm } from "~/components/admin/filter-form";
import { Pager } from "~/components/admin/pager";
import { formText } from "~/lib/forms";
import { attempt, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useRevalidateOn } from "~/lib/realtime";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminWebhooks.title");

function isStatus(value: string): value is WebhookStatus {
  return (webhookStatuses as readonly string[]).includes(value);
}

const statusClass: Record<WebhookStatus, string> = {
  RECEIVED: "badge badge-warning",
  PROCESSED: "badge badge-success",
  FAILED: "badge badge-warning",
  DEAD: "badge badge-muted",
};

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireAdmin(request, input);
    const url = new URL(request.url);
    const failuresOnly = url.searchParams.get("failures") === "1";
    const status = url.searchParams.get("status") ?? "";
    const provider = (url.searchParams.get("provider") ?? "").trim();
    const cursor = url.searchParams.get("cursor") || undefined;
    const page = await input.caller.admin.webhooks.list({
      failuresOnly,
      ...(isStatus(status) && !failuresOnly ? { status } : {}),
      ...(provider ? { provider } : {}),
      limit: 25,
      ...(cursor ? { cursor } : {}),
    });
    const query = new URLSearchParams();
    if (failuresOnly) query.set("failures", "1");
    if (isStatus(status)) query.set("status", status);
    if (provider) query.set("provider", provider);
    return {
      ...page,
      filters: { failuresOnly, status: isStatus(status) ? status : "", provider },
      query: query.size > 0 ? `?${query}` : "",
      isFirstPage: !cursor,
      providers: [...input.ctx.services.gateways.ids],
    };
  });
}

/** Replays a failed or dead event: back to RECEIVED, processed again by the worker. */
export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireAdmin(request, input);
    const webhookEventId = formText(await request.formData(), "webhookEventId");
    return attempt(
      input.ctx,
      "replay",
      () => input.caller.admin.webhooks.replay({ webhookEventId }),
      webhookEventId,
    );
  });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function ReplayForm({ event }: { event: Row }) {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy =
    navigation.state !== "idle" && navigation.formData?.get("webhookEventId") === event.id;
  return (
    <Form method="post" className="stack-tight">
      <input type="hidden" name="webhookEventId" value={event.id} />
      <button
        type="submit"
        className="button button-small"
        disabled={busy}
        aria-label={t("web.adminWebhooks.replayLabel", { type: event.type })}
      >
        {busy ? t("web.form.submitting") : t("web.adminWebhooks.replay")}
      </button>
      <ActionAlert failure={result && !result.ok && result.target === event.id ? result : null} />
    </Form>
  );
}

export default function AdminWebhooks() {
  // A webhook that fails, or is retried, shows up without a reload.
  useRevalidateOn(["admin.webhooks"]);
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, filters, query, isFirstPage, providers } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fields: FilterField[] = [
    {
      kind: "select",
      name: "status",
      label: t("web.adminWebhooks.status"),
      options: webhookStatuses.map((status) => ({
        value: status,
        label: t(`web.adminWebhooks.statuses.${status}`),
      })),
    },
    {
      kind: "select",
      name: "provider",
      label: t("web.adminWebhooks.provider"),
      options: providers.map((provider) => ({ value: provider, label: provider })),
    },
    { kind: "checkbox", name: "failures", label: t("web.adminWebhooks.failuresOnly") },
  ];
  const columns: Column<Row>[] = [
    {
      id: "received",
      header: t("web.adminWebhooks.receivedAt"),
      sortValue: (event) => new Date(event.receivedAt),
      cell: (event) => (
        <time dateTime={new Date(event.receivedAt).toISOString()}>
          {formatDate(new Date(event.receivedAt))}
        </time>
      ),
    },
    {
      id: "provider",
      header: t("web.adminWebhooks.provider"),
      sortValue: (event) => event.provider,
      cell: (event) => event.provider,
    },
    {
      id: "type",
      header: t("web.adminWebhooks.type"),
      sortValue: (event) => event.type,
      cell: (event) => (
        <>
          {event.type}
          <span className="muted small block">{event.eventId}</span>
        </>
      ),
    },
    {
      id: "status",
      header: t("web.adminWebhooks.status"),
      sortValue: (event) => event.status,
      cell: (event) => (
        <span className={statusClass[event.status]}>
          {t(`web.adminWebhooks.statuses.${event.status}`)}
        </span>
      ),
    },
    {
      id: "attempts",
      header: t("web.adminWebhooks.attempts"),
      sortValue: (event) => event.attempts,
      cell: (event) => event.attempts,
    },
    {
      id: "error",
      header: t("web.adminWebhooks.lastError"),
      className: "small",
      cell: (event) => event.lastError ?? "—",
    },
    {
      id: "actions",
      header: t("web.adminPayments.actions"),
      cell: (event) => (event.replayable ? <ReplayForm event={event} /> : null),
    },
  ];
  return (
    <>
      <h1>{t("web.adminWebhooks.heading")}</h1>
      <FilterForm
        path="/admin/webhooks"
        fields={fields}
        values={{
          status: filters.status,
          provider: filters.provider,
          failures: filters.failuresOnly ? "1" : "",
        }}
      />
      <StatusNotice
        message={result?.ok && result.intent === "replay" ? t("web.adminWebhooks.replayed") : null}
      />
      <DataTable
        caption={t("web.adminWebhooks.heading")}
        columns={columns}
        rows={items}
        rowKey={(event) => event.id}
        rowProps={(event) => ({ "data-testid": "webhook-event", "data-status": event.status })}
        empty={<p className="card">{t("web.adminWebhooks.empty")}</p>}
        testId="admin-webhooks"
      />
      <Pager
        path="/admin/webhooks"
        query={query}
        isFirstPage={isFirstPage}
        nextCursor={nextCursor}
      />
    </>
  );
}
