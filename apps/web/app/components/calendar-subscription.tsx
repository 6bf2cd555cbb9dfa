import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { useFormatDateTime, useT } from "~/lib/i18n";

export interface CalendarFeedLinks {
  url: string;
  webcalUrl: string;
  googleUrl: string;
}

type Failure = { message: string; requestId?: string } | null;

/** Copies the address with the Clipboard API; shown only once hydrated (it needs JavaScript). */
function CopyButton({ value }: { value: string }) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          void navigator.clipboard
            ?.writeText(value)
            .then(() => setCopied(true))
            .catch(() => setCopied(false));
        }}
      >
        {t("web.calendarFeed.copy")}
      </button>
      <StatusNotice message={copied ? t("web.calendarFeed.copied") : null} />
    </>
  );
}

/**
 * The account's calendar subscription: create or replace the private feed address (shown once:
 * only its hash is kept), add it to Google or Apple Calendar, or turn it off. Plain forms: it
 * works without JavaScript, which only adds the copy button.
 */
export function CalendarSubscription({
  active,
  createdAt,
  created,
  revoked,
  failure,
}: {
  active: boolean;
  createdAt: string | Date | null;
  /** The address just created by this form's action (only then is it known). */
  created: CalendarFeedLinks | null;
  revoked: boolean;
  failure: Failure;
}) {
  const t = useT();
  const formatDate = useFormatDateTime();
  const navigation = useNavigation();
  const busy =
    navigation.state !== "idle" &&
    ["calendar-feed", "calendar-feed-revoke"].includes(String(navigation.formData?.get("intent")));
  return (
    <section className="card" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">{t("web.calendarFeed.heading")}</h2>
      <p>{t("web.calendarFeed.intro")}</p>
      {created ? (
        <div data-testid="calendar-feed-new">
          <div className="field">
            <label htmlFor="calendar-feed-url">{t("web.calendarFeed.newUrl")}</label>
            <p id="calendar-feed-url-hint" className="hint">
              {t("web.calendarFeed.newUrlHint")}
            </p>
            <input
              id="calendar-feed-url"
              type="url"
              readOnly
              value={created.url}
              aria-describedby="calendar-feed-url-hint"
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
          <CopyButton value={created.url} />
          <p className="actions">
            <a className="button" href={created.googleUrl} target="_blank" rel="noreferrer">
              {t("web.calendarFeed.addGoogle")}
            </a>{" "}
            <a className="button button-secondary" href={created.webcalUrl}>
              {t("web.calendarFeed.addApple")}
            </a>
          </p>
        </div>
      ) : active && createdAt ? (
        <p data-testid="calendar-feed-status">
          {t("web.calendarFeed.activeSince", { date: formatDate(new Date(createdAt)) })}
        </p>
      ) : (
        <p data-testid="calendar-feed-status">{t("web.calendarFeed.none")}</p>
      )}
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="calendar-feed" />
        <button type="submit" className="button button-secondary" disabled={busy}>
          {active || created ? t("web.calendarFeed.regenerate") : t("web.calendarFeed.create")}
        </button>
      </Form>
      {active || created ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="calendar-feed-revoke" />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("web.calendarFeed.revoke")}
          </button>
        </Form>
      ) : null}
      <ActionAlert failure={failure} />
      <StatusNotice message={revoked ? t("web.calendarFeed.revoked") : null} />
    </section>
  );
}
