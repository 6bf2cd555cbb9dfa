import type { ActivityKind } from "@mentora/core/contracts";
import type { MessageKey } from "@mentora/i18n";
import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { Pager } from "~/components/admin/pager";
import { useDateFormats, useFormatAmount, useT } from "~/lib/i18n";

/** One entry as the feed procedures return it (dates may arrive as strings). */
export interface FeedItem {
  id: string;
  eventType: string;
  kind: ActivityKind;
  occurredAt: Date | string;
  session: {
    id: string;
    bookingId: string | null;
    title: string;
    startsAt: Date | string;
    status: string;
    upcoming: boolean;
    mentor: { id: string; name: string };
    menteeName: string | null;
  } | null;
  amount: { minor: number; currency: string } | null;
  paymentId: string | null;
  payoutId: string | null;
  invoiceId?: string | null;
  detail: string | null;
}

const knownEvents = new Set([
  "booking.confirmed",
  "booking.moved",
  "booking.cancelled",
  "booking.expired",
  "session.completed",
  "session.attendance-recorded",
  "payment.settled",
  "payment.refunded",
  "earnings.released",
  "payout.paid",
  "payout.failed",
  // Recorded once rt-notify's events are in the feeds (decision 037).
  "invoice.issued",
  "payment.failed",
  "payout.requested",
  "payout.approved",
  "dispute.opened",
  "webhook.failed",
]);

const eventKey = (type: string) =>
  `web.activity.events.${type.replaceAll(/[.-]/g, "_")}` as MessageKey;

/** Whose point of view an entry is seen from: the page's viewer. */
export type FeedViewer = "person" | "platform";

/** The filter form: kind and period (days in the viewer's time zone). A GET form: no script needed. */
export function ActivityFilterForm({
  path,
  kinds,
  values,
}: {
  path: string;
  kinds: readonly ActivityKind[];
  values: { kind: string; from: string; to: string };
}) {
  const t = useT();
  const id = useId();
  return (
    <Form method="get" action={path} className="card filters" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="h3">
        {t("web.activity.filters")}
      </h2>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t("web.activity.kind")}</label>
          <select id={`${id}-kind`} name="kind" defaultValue={values.kind}>
            <option value="">{t("web.activity.any")}</option>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`web.activity.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("web.activity.from")}</label>
          <input id={`${id}-from`} name="from" type="date" defaultValue={values.from} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t("web.activity.to")}</label>
          <input id={`${id}-to`} name="to" type="date" defaultValue={values.to} />
        </div>
      </div>
      <div className="form-footer">
        <button type="submit" className="button button-small">
          {t("web.activity.apply")}
        </button>
        <Link to={path}>{t("web.activity.reset")}</Link>
      </div>
    </Form>
  );
}

/** A feed's entries, newest first, in the given time zone, with the pager. */
export function ActivityList({
  items,
  timeZone,
  viewer,
  path,
  query,
  isFirstPage,
  nextCursor,
  filtered,
}: {
  items: FeedItem[];
  timeZone: string;
  viewer: FeedViewer;
  path: string;
  query: string;
  isFirstPage: boolean;
  nextCursor: string | null;
  filtered: boolean;
}) {
  const t = useT();
  const formats = useDateFormats(timeZone);
  const formatAmount = useFormatAmount();
  if (items.length === 0) {
    return (
      <p className="card muted" data-testid="activity-empty">
        {filtered ? t("web.activity.emptyFiltered") : t("web.activity.empty")}
      </p>
    );
  }
  return (
    <>
      <ol className="booking-list" data-testid="activity-feed">
        {items.map((item) => {
          const session = item.session;
          const occurredAt = new Date(item.occurredAt);
          const title = knownEvents.has(item.eventType)
            ? t(eventKey(item.eventType))
            : t("web.activity.events.other", { type: item.eventType });
          // The mentee sees who they met; the mentor and admins see who booked.
          const counterpart =
            session &&
            (item.kind === "session" || item.kind === "payment" || item.kind === "refund")
              ? t("web.activity.with", { name: session.mentor.name })
              : session?.menteeName
                ? viewer === "platform"
                  ? `${session.menteeName} · ${t("web.activity.with", { name: session.mentor.name })}`
                  : t("web.activity.by", { name: session.menteeName })
                : null;
          return (
            <li
              key={item.id}
              className="card booking-row stack-tight"
              data-testid="activity-entry"
              data-event-type={item.eventType}
              data-kind={item.kind}
            >
              <p className="small muted">
                <time dateTime={occurredAt.toISOString()}>{formats.dateTime(occurredAt)}</time> ·{" "}
                {t(`web.activity.kinds.${item.kind}`)}
              </p>
              <h3 className="h3">
                {title}
                {item.detail && item.detail in verdictKeys
                  ? ` · ${t(verdictKeys[item.detail as keyof typeof verdictKeys])}`
                  : ""}
              </h3>
              {session ? (
                <p>
                  {session.bookingId &&
                  viewer === "person" &&
                  item.kind !== "booking" &&
                  item.kind !== "cancellation" &&
                  item.kind !== "earnings" ? (
                    <Link to={`/bookings/${session.bookingId}`}>{session.title}</Link>
                  ) : (
                    session.title
                  )}
                  {counterpart ? ` · ${counterpart}` : ""}
                  <span className="block small muted">
                    {t("web.activity.sessionAt", {
                      date: formats.dateTime(new Date(session.startsAt)),
                    })}
                  </span>
                </p>
              ) : null}
              {item.amount ? (
                <p data-testid="activity-amount">
                  {item.paymentId && viewer === "person" ? (
                    <Link to={`/payments/${item.paymentId}`}>
                      {formatAmount(item.amount.minor, item.amount.currency)}
                    </Link>
                  ) : (
                    formatAmount(item.amount.minor, item.amount.currency)
                  )}
                </p>
              ) : null}
              {viewer === "person" && item.eventType === "session.completed" && session ? (
                <p>
                  <Link
                    to={`/mentors/${session.mentor.id}`}
                    className="button button-small button-secondary"
                    aria-label={t("web.activity.bookAgainWith", { name: session.mentor.name })}
                  >
                    {t("web.activity.bookAgain")}
                  </Link>
                </p>
              ) : null}
              {viewer === "person" && item.invoiceId ? (
                <p>
                  <a href={`/invoices/${item.invoiceId}.pdf`}>{t("web.activity.viewDocument")}</a>
                </p>
              ) : null}
              {viewer === "person" && item.kind === "payout" ? (
                <p>
                  <Link to="/mentor/payouts">{t("web.activity.viewPayouts")}</Link>
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <Pager path={path} query={query} isFirstPage={isFirstPage} nextCursor={nextCursor} />
    </>
  );
}

const verdictKeys = {
  ATTENDED: "web.activity.verdicts.ATTENDED",
  MENTOR_NO_SHOW: "web.activity.verdicts.MENTOR_NO_SHOW",
  MENTEE_NO_SHOW: "web.activity.verdicts.MENTEE_NO_SHOW",
  NO_ATTENDANCE: "web.activity.verdicts.NO_ATTENDANCE",
} as const satisfies Record<string, MessageKey>;
