import { translate } from "@mentora/i18n";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { formText } from "~/lib/forms";
import { googleCalendarConsent } from "~/lib/google-calendar.server";
import { attempt, formFailure, requireMentor } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useFormatDateTime, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.mentorCalendars.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    const google = await input.caller.calendars.googleCalendar();
    return { google, connectFailed: new URL(request.url).searchParams.has("error") };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireMentor(request, input);
    const { caller, ctx, authHeaders } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    if (intent === "connect" && ctx.services.config.auth.google) {
      const url = await googleCalendarConsent(ctx, authHeaders);
      if (!url) {
        return formFailure(ctx, intent, translate(ctx.locale, "web.mentorCalendars.connectFailed"));
      }
      throw redirect(url.location, { headers: url.headers });
    }
    if (intent === "save") {
      const target = formText(form, "targetCalendarId");
      return attempt(ctx, intent, () =>
        caller.calendars.saveGoogleCalendars({
          busyCalendarIds: form
            .getAll("busyCalendarId")
            .filter((value): value is string => typeof value === "string" && value !== ""),
          targetCalendarId: target || null,
        }),
      );
    }
    if (intent === "disconnect") {
      return attempt(ctx, intent, () => caller.calendars.disconnectGoogle());
    }
    return formFailure(ctx, intent, translate(ctx.locale, "errors.BAD_REQUEST"));
  });
}

/** Calendars: connect Google Calendar, choose calendars, disconnect. Plain forms, no JS needed. */
export default function MentorCalendars() {
  const t = useT();
  const formatDate = useFormatDateTime();
  const { google, connectFailed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const failure = result && !result.ok ? result : null;
  const connection = google.connection;
  const primaryId = google.calendars.find((entry) => entry.primary)?.id;
  const chosen = (id: string, list: string[]) =>
    list.includes(id) || (id === primaryId && list.includes("primary"));
  const target =
    connection?.targetCalendarId === "primary" ? primaryId : connection?.targetCalendarId;
  const label = (entry: (typeof google.calendars)[number]) =>
    entry.primary
      ? t("web.mentorCalendars.primary", { name: entry.name })
      : entry.writable
        ? entry.name
        : t("web.mentorCalendars.readOnly", { name: entry.name });
  return (
    <>
      <h1>{t("web.mentorCalendars.heading")}</h1>
      <p className="muted">{t("web.mentorCalendars.intro")}</p>
      <StatusNotice
        message={
          result?.ok && result.intent === "save"
            ? t("web.mentorCalendars.saved")
            : result?.ok && result.intent === "disconnect"
              ? t("web.mentorCalendars.disconnected")
              : null
        }
      />
      <ActionAlert failure={failure} />
      {connectFailed ? (
        <div className="alert alert-error" role="alert">
          {t("web.mentorCalendars.connectFailed")}
        </div>
      ) : null}
      <section
        className="card"
        aria-labelledby="google-calendar-status"
        data-testid="google-calendar"
      >
        <h2 id="google-calendar-status">{t("web.mentorCalendars.heading")}</h2>
        {!google.configured ? <p>{t("web.mentorCalendars.notConfigured")}</p> : null}
        {connection?.status === "BROKEN" ? (
          <div className="alert alert-error" role="alert" data-testid="google-calendar-broken">
            {t("web.mentorCalendars.broken", { reason: connection.brokenReason ?? "?" })}
          </div>
        ) : null}
        {connection?.status === "CONNECTED" ? (
          <>
            <p data-testid="google-calendar-connected">
              {t("web.mentorCalendars.connected")}{" "}
              {connection.busyFetchedAt
                ? t("web.mentorCalendars.lastFetched", {
                    date: formatDate(new Date(connection.busyFetchedAt)),
                  })
                : t("web.mentorCalendars.neverFetched")}
            </p>
            {google.calendarsUnavailable ? <p>{t("web.mentorCalendars.unavailable")}</p> : null}
            {google.calendars.length > 0 ? (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="save" />
                <fieldset>
                  <legend>{t("web.mentorCalendars.busyLegend")}</legend>
                  {google.calendars.map((entry) => (
                    <div key={entry.id}>
                      <label>
                        <input
                          type="checkbox"
                          name="busyCalendarId"
                          value={entry.id}
                          defaultChecked={chosen(entry.id, connection.busyCalendarIds)}
                        />{" "}
                        {label(entry)}
                      </label>
                    </div>
                  ))}
                </fieldset>
                <div className="field">
                  <label htmlFor="target-calendar">{t("web.mentorCalendars.targetLabel")}</label>
                  <select id="target-calendar" name="targetCalendarId" defaultValue={target ?? ""}>
                    <option value="">{t("web.mentorCalendars.noTarget")}</option>
                    {google.calendars
                      .filter((entry) => entry.writable)
                      .map((entry) => (
                        <option key={entry.id} value={entry.id}>
                          {label(entry)}
                        </option>
                      ))}
                  </select>
                </div>
                <p>
                  <button type="submit" className="button" disabled={busy}>
                    {t("web.mentorCalendars.save")}
                  </button>
                </p>
              </Form>
            ) : null}
          </>
        ) : null}
        <div className="actions">
          {google.configured && connection?.status !== "CONNECTED" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="connect" />
              <button type="submit" className="button" disabled={busy}>
                {connection ? t("web.mentorCalendars.reconnect") : t("web.mentorCalendars.connect")}
              </button>
            </Form>
          ) : null}
          {connection ? (
            <Form method="post">
              <input type="hidden" name="intent" value="disconnect" />
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("web.mentorCalendars.disconnect")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
      <p className="muted">
        {t("web.mentorCalendars.feedHint")}{" "}
        <Link to="/account#calendar-feed-heading">{t("web.mentorCalendars.feedLink")}</Link>
      </p>
    </>
  );
}
