import { webhookDeliveryStatuses, webhookEventTypes } from "@mentora/core/contracts";
import type { MessageKey } from "@mentora/i18n";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { type Column, DataTable } from "~/components/admin/data-table";
import { FilterForm } from "~/components/admin/filter-form";
import { Pager } from "~/components/admin/pager";
import { useFormatDateTime, useT } from "~/lib/i18n";

/**
 * The webhook pages' parts, shared by the mentor's and the admins' areas (issue #18). Plain
 * forms: everything works without JavaScript.
 */

type EventType = (typeof webhookEventTypes)[number];
type DeliveryStatus = (typeof webhookDeliveryStatuses)[number];

type ActionResult =
  | { ok: true; intent: string; target?: string; result?: unknown }
  | { ok: false; intent: string; target?: string; message: string; requestId?: string };

export interface EndpointView {
  id: string;
  url: string;
  description: string;
  events: EventType[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | Date | null;
  secretHint: string;
  scope: "PLATFORM" | "MENTOR";
  createdAt: string | Date;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  replay: number;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastAttemptAt: string | Date | null;
  nextAttemptAt: string | Date | null;
  createdAt: string | Date;
}

/** Each event type's label (message keys cannot hold the type's dot). */
const eventLabel: Record<EventType, MessageKey> = {
  "booking.confirmed": "web.webhookEndpoints.eventTypes.bookingConfirmed",
  "booking.cancelled": "web.webhookEndpoints.eventTypes.bookingCancelled",
  "booking.moved": "web.webhookEndpoints.eventTypes.bookingMoved",
  "payment.settled": "web.webhookEndpoints.eventTypes.paymentSettled",
  "payment.refunded": "web.webhookEndpoints.eventTypes.paymentRefunded",
  "payout.paid": "web.webhookEndpoints.eventTypes.payoutPaid",
  "payout.failed": "web.webhookEndpoints.eventTypes.payoutFailed",
};

const deliveryBadge: Record<DeliveryStatus, string> = {
  PENDING: "badge badge-warning",
  SUCCEEDED: "badge badge-success",
  FAILED: "badge badge-muted",
};

/** The secret, once, right after create or rotate. */
export function SecretNotice({ secret }: { secret: string | null }) {
  const t = useT();
  if (!secret) return null;
  return (
    <div className="alert alert-success" role="status">
      <label htmlFor="webhook-secret">{t("web.webhookEndpoints.secret")}</label>
      <input
        id="webhook-secret"
        readOnly
        value={secret}
        className="copy-field"
        data-testid="webhook-secret"
      />
      <p className="small">{t("web.webhookEndpoints.secretShownOnce")}</p>
    </div>
  );
}

/** The secret an action just returned (create, rotate), if any. */
export function secretOf(result: ActionResult | undefined): string | null {
  if (!result?.ok || (result.intent !== "create" && result.intent !== "rotate")) return null;
  return (result.result as { secret?: string } | undefined)?.secret ?? null;
}

function EndpointFields({ endpoint }: { endpoint?: EndpointView }) {
  const t = useT();
  const chosen = new Set<string>(endpoint?.events ?? []);
  return (
    <>
      <div className="field">
        <label htmlFor="webhook-url">{t("web.webhookEndpoints.url")}</label>
        <p id="webhook-url-hint" className="hint">
          {t("web.webhookEndpoints.urlHint")}
        </p>
        <input
          id="webhook-url"
          name="url"
          type="url"
          required
          maxLength={2000}
          defaultValue={endpoint?.url}
          aria-describedby="webhook-url-hint"
        />
      </div>
      <div className="field">
        <label htmlFor="webhook-description">{t("web.webhookEndpoints.description")}</label>
        <input
          id="webhook-description"
          name="description"
          type="text"
          maxLength={500}
          defaultValue={endpoint?.description}
        />
      </div>
      <fieldset className="field">
        <legend>{t("web.webhookEndpoints.events")}</legend>
        <div className="checkbox-list">
          {webhookEventTypes.map((type) => (
            <label key={type} className="checkbox">
              <input type="checkbox" name="events" value={type} defaultChecked={chosen.has(type)} />
              {t(eventLabel[type])} <code>{type}</code>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

/** The form that registers an endpoint (the secret comes back in the action's answer). */
export function NewEndpointForm({ heading }: { heading: string }) {
  const t = useT();
  const result = useActionData<ActionResult>();
  return (
    <section className="card" aria-labelledby="new-webhook-heading">
      <h2 id="new-webhook-heading">{heading}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="create" />
        <EndpointFields />
        <ActionAlert failure={result && !result.ok && result.intent === "create" ? result : null} />
        <div>
          <button type="submit" className="button">
            {t("web.webhookEndpoints.create")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function EndpointStatus({ endpoint }: { endpoint: Pick<EndpointView, "enabled"> }) {
  const t = useT();
  return endpoint.enabled ? (
    <span className="badge badge-success">{t("web.webhookEndpoints.statusEnabled")}</span>
  ) : (
    <span className="badge badge-muted">{t("web.webhookEndpoints.statusDisabled")}</span>
  );
}

function ReplayForm({ delivery }: { delivery: DeliveryView }) {
  const t = useT();
  const navigation = useNavigation();
  const result = useActionData<ActionResult>();
  const busy =
    navigation.state !== "idle" && navigation.formData?.get("deliveryId") === delivery.id;
  return (
    <Form method="post" className="stack-tight">
      <input type="hidden" name="intent" value="replay" />
      <input type="hidden" name="deliveryId" value={delivery.id} />
      <button
        type="submit"
        className="button button-small button-secondary"
        disabled={busy}
        aria-label={t("web.webhookEndpoints.replayLabel", { eventId: delivery.eventId })}
      >
        {t("web.webhookEndpoints.replay")}
      </button>
      <ActionAlert
        failure={
          result && !result.ok && result.intent === "replay" && result.target === delivery.id
            ? result
            : null
        }
      />
    </Form>
  );
}

/** One endpoint: settings, actions (test, rotate, delete), its delivery log with replay. */
export function EndpointDetail(props: {
  listPath: string;
  endpoint: EndpointView;
  deliveries: { items: DeliveryView[]; nextCursor: string | null };
  status: string;
  query: string;
  isFirstPage: boolean;
}) {
  const { endpoint, listPath } = props;
  const t = useT();
  const formatDate = useFormatDateTime();
  const result = useActionData<ActionResult>();
  const path = `${listPath}/${endpoint.id}`;
  const notices: Record<string, string> = {
    update: t("web.webhookEndpoints.saved"),
    rotate: t("web.webhookEndpoints.rotated"),
    test: t("web.webhookEndpoints.testSent"),
    replay: t("web.webhookEndpoints.replayed"),
  };
  const failureOf = (intent: string) =>
    result && !result.ok && result.intent === intent ? result : null;
  const columns: Column<DeliveryView>[] = [
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
    {
      id: "event",
      header: t("web.webhookEndpoints.event"),
      sortValue: (row) => row.eventType,
      cell: (row) => (
        <>
          <code>{row.eventType}</code>
          <span className="muted small block">
            {row.eventId}
            {row.replay > 0
              ? ` · ${t("web.webhookEndpoints.replayNumber", { number: row.replay })}`
              : ""}
          </span>
        </>
      ),
    },
    {
      id: "status",
      header: t("web.webhookEndpoints.deliveryStatus"),
      sortValue: (row) => row.status,
      cell: (row) => (
        <span className={deliveryBadge[row.status]}>
          {t(`web.webhookEndpoints.statuses.${row.status}`)}
        </span>
      ),
    },
    {
      id: "attempts",
      header: t("web.webhookEndpoints.attempts"),
      sortValue: (row) => row.attempts,
      cell: (row) => row.attempts,
    },
    {
      id: "response",
      header: t("web.webhookEndpoints.response"),
      className: "small",
      cell: (row) => (
        <>
          {row.lastStatusCode ?? "—"}
          {row.lastError ? <span className="muted block">{row.lastError}</span> : null}
        </>
      ),
    },
    {
      id: "duration",
      header: t("web.webhookEndpoints.duration"),
      sortValue: (row) => row.lastDurationMs,
      cell: (row) =>
        row.lastDurationMs === null
          ? "—"
          : t("web.webhookEndpoints.durationMs", { ms: row.lastDurationMs }),
    },
    {
      id: "next",
      header: t("web.webhookEndpoints.nextAttempt"),
      cell: (row) =>
        row.nextAttemptAt ? (
          <time dateTime={new Date(row.nextAttemptAt).toISOString()}>
            {formatDate(new Date(row.nextAttemptAt))}
          </time>
        ) : (
          "—"
        ),
    },
    {
      id: "actions",
      header: t("web.webhookEndpoints.replay"),
      headerHidden: true,
      cell: (row) => <ReplayForm delivery={row} />,
    },
  ];
  return (
    <>
      <p>
        <Link to={listPath}>{t("web.webhookEndpoints.backToList")}</Link>
      </p>
      <h1 className="prose">{endpoint.url}</h1>
      <p>
        <EndpointStatus endpoint={endpoint} />{" "}
        <span className="muted small">
          {t("web.webhookEndpoints.secretHint")}: <code>{endpoint.secretHint}</code>
        </span>
      </p>
      {!endpoint.enabled ? (
        <p className="alert alert-info" data-testid="endpoint-disabled">
          {endpoint.disabledReason === "FAILING" && endpoint.failingSince
            ? t("web.webhookEndpoints.disabledFailing", {
                date: formatDate(new Date(endpoint.failingSince)),
              })
            : t("web.webhookEndpoints.disabledManual")}
        </p>
      ) : null}
      <SecretNotice secret={secretOf(result)} />
      <StatusNotice
        message={result?.ok && result.intent !== "rotate" ? notices[result.intent] : null}
      />

      <section className="card" aria-labelledby="webhook-settings-heading">
        <h2 id="webhook-settings-heading">{t("web.webhookEndpoints.settings")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <EndpointFields endpoint={endpoint} />
          <label className="checkbox">
            <input type="checkbox" name="enabled" defaultChecked={endpoint.enabled} />
            {t("web.webhookEndpoints.enabled")}
          </label>
          <ActionAlert failure={failureOf("update")} />
          <div>
            <button type="submit" className="button">
              {t("web.webhookEndpoints.save")}
            </button>
          </div>
        </Form>
        <div className="inline-fields">
          {(["test", "rotate"] as const).map((intent) => (
            <Form method="post" key={intent}>
              <input type="hidden" name="intent" value={intent} />
              <input type="hidden" name="endpointId" value={endpoint.id} />
              <button type="submit" className="button button-secondary">
                {intent === "test"
                  ? t("web.webhookEndpoints.sendTest")
                  : t("web.webhookEndpoints.rotate")}
              </button>
            </Form>
          ))}
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="endpointId" value={endpoint.id} />
            <button type="submit" className="link-button danger">
              {t("web.webhookEndpoints.delete")}
            </button>
          </Form>
        </div>
        <ActionAlert failure={failureOf("test") ?? failureOf("rotate") ?? failureOf("delete")} />
      </section>

      <section aria-labelledby="webhook-deliveries-heading">
        <h2 id="webhook-deliveries-heading">{t("web.webhookEndpoints.deliveries")}</h2>
        <FilterForm
          path={path}
          headingLevel="h3"
          fields={[
            {
              kind: "select",
              name: "status",
              label: t("web.webhookEndpoints.deliveryStatus"),
              options: webhookDeliveryStatuses.map((status) => ({
                value: status,
                label: t(`web.webhookEndpoints.statuses.${status}`),
              })),
            },
          ]}
          values={{ status: props.status }}
        />
        <DataTable
          caption={t("web.webhookEndpoints.deliveries")}
          columns={columns}
          rows={props.deliveries.items}
          rowKey={(row) => row.id}
          rowProps={(row) => ({
            "data-testid": "webhook-delivery",
            "data-status": row.status,
            "data-event-type": row.eventType,
          })}
          empty={<p className="card">{t("web.webhookEndpoints.noDeliveries")}</p>}
          testId="webhook-deliveries"
        />
        <Pager
          path={path}
          query={props.query}
          isFirstPage={props.isFirstPage}
          nextCursor={props.deliveries.nextCursor}
        />
      </section>
    </>
  );
}
