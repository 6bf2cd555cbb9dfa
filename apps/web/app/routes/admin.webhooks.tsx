import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { formText } from "~/lib/forms";
import { attempt, requireAdmin } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.adminWebhooks.title");

const statuses = ["RECEIVED", "PROCESSED", "FAILED", "DEAD"] as const;
type WebhookStatus = (typeof statuses)[number];

function isStatus(value: string): value is WebhookStatus {
  return (statuses as readonly string[]).includes(value);
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

export default function AdminWebhooks() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { items, nextCursor, filters, query, isFirstPage, providers } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const withCursor = (cursor: string) =>
    `/admin/webhooks${query ? `${query}&` : "?"}cursor=${encodeURIComponent(cursor)}`;
  return (
    <>
      <h1>{t("web.adminWebhooks.heading")}</h1>
      <Form method="get" className="card filters" aria-labelledby="webhook-filters-heading">
        <h2 id="webhook-filters-heading" className="h3">
          {t("web.adminPayments.filters")}
        </h2>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="webhook-status">{t("web.adminWebhooks.status")}</label>
            <select id="webhook-status" name="status" defaultValue={filters.status}>
              <option value="">{t("web.adminPayments.any")}</option>
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {t(`web.adminWebhooks.statuses.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="webhook-provider">{t("web.adminWebhooks.provider")}</label>
            <select id="webhook-provider" name="provider" defaultValue={filters.provider}>
              <option value="">{t("web.adminPayments.any")}</option>
              {providers.map((provider) => (
                <option key={provider} value={provider}>
                  {provider}
                </option>
              ))}
            </select>
          </div>
          <div className="field checkbox">
            <input
              id="webhook-failures"
              name="failures"
              type="checkbox"
              value="1"
              defaultChecked={filters.failuresOnly}
            />
            <label htmlFor="webhook-failures">{t("web.adminWebhooks.failuresOnly")}</label>
          </div>
        </div>
        <div className="form-footer">
          <button type="submit" className="button button-small">
            {t("web.adminPayments.apply")}
          </button>
          <Link to="/admin/webhooks">{t("web.adminPayments.reset")}</Link>
        </div>
      </Form>
      <StatusNotice
        message={result?.ok && result.intent === "replay" ? t("web.adminWebhooks.replayed") : null}
      />
      {items.length === 0 ? (
        <p className="card">{t("web.adminWebhooks.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="admin-webhooks">
            <thead>
              <tr>
                <th scope="col">{t("web.adminWebhooks.receivedAt")}</th>
                <th scope="col">{t("web.adminWebhooks.provider")}</th>
                <th scope="col">{t("web.adminWebhooks.type")}</th>
                <th scope="col">{t("web.adminWebhooks.status")}</th>
                <th scope="col">{t("web.adminWebhooks.attempts")}</th>
                <th scope="col">{t("web.adminWebhooks.lastError")}</th>
                <th scope="col">{t("web.adminPayments.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => {
                const busy =
                  navigation.state !== "idle" &&
                  navigation.formData?.get("webhookEventId") === event.id;
                return (
                  <tr key={event.id} data-testid="webhook-event" data-status={event.status}>
                    <td>
                      <time dateTime={new Date(event.receivedAt).toISOString()}>
                        {formatDate(new Date(event.receivedAt))}
                      </time>
                    </td>
                    <td>{event.provider}</td>
                    <td>
                      {event.type}
                      <span className="muted small block">{event.eventId}</span>
                    </td>
                    <td>
                      <span className={statusClass[event.status]}>
                        {t(`web.adminWebhooks.statuses.${event.status}`)}
                      </span>
                    </td>
                    <td>{event.attempts}</td>
                    <td className="small">{event.lastError ?? "—"}</td>
                    <td>
                      {event.status === "FAILED" || event.status === "DEAD" ? (
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
                          <ActionAlert
                            failure={
                              result && !result.ok && result.target === event.id ? result : null
                            }
                          />
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("web.admin.pagination")}>
        {isFirstPage ? null : (
          <Link to={`/admin/webhooks${query}`}>{t("web.admin.firstPage")}</Link>
        )}
        {nextCursor ? (
          <Link to={withCursor(nextCursor)} className="button button-secondary">
            {t("web.admin.nextPage")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
