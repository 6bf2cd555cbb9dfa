import { translate } from "@mentora/i18n";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { ErrorPage } from "~/components/error-page";
import { WeeklyRulesEditor } from "~/components/weekly-rules-editor";
import { rulesFromForm } from "~/lib/availability-form";
import { formText } from "~/lib/forms";
import { attempt, formFailure, requireMentor } from "~/lib/guards.server";
import { assertSameOrigin } from "~/lib/http.server";
import { useDateFormats, useT } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { minutesToTime, timeToMinutes } from "~/lib/time";
import { withCaller } from "~/lib/trpc.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "web.availability.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return withCaller(request, async (input) => {
    requireMentor(request, input);
    return input.caller.availability.get();
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return withCaller({ request, context }, async (input) => {
    assertSameOrigin(request, input.ctx);
    requireMentor(request, input);
    const { caller, ctx } = input;
    const form = await request.formData();
    const intent = formText(form, "intent");
    const invalid = (key: "web.availability.badInterval" | "web.availability.badOverride") =>
      formFailure(ctx, intent, translate(ctx.locale, key));
    switch (intent) {
      case "rules": {
        const rules = rulesFromForm(form);
        if (!rules) return invalid("web.availability.badInterval");
        return attempt(ctx, intent, () => caller.availability.setWeeklyRules({ rules }));
      }
      case "addOverride": {
        const kind = formText(form, "kind") === "AVAILABLE" ? "AVAILABLE" : "UNAVAILABLE";
        const start = formText(form, "start");
        const end = formText(form, "end");
        const startMinute = start ? timeToMinutes(start) : undefined;
        let endMinute = end ? timeToMinutes(end) : undefined;
        if (endMinute === 0) endMinute = 1440;
        if (startMinute === null || endMinute === null)
          return invalid("web.availability.badOverride");
        return attempt(ctx, intent, () =>
          caller.availability.addOverride({
            date: formText(form, "date"),
            kind,
            ...(startMinute !== undefined ? { startMinute } : {}),
            ...(endMinute !== undefined ? { endMinute } : {}),
          }),
        );
      }
      case "removeOverride":
        return attempt(ctx, intent, () =>
          caller.availability.removeOverride({ id: formText(form, "id") }),
        );
      case "settings":
        return attempt(ctx, intent, () =>
          caller.mentor.settings.update({
            acceptingBookings: form.get("acceptingBookings") === "on",
            bufferMinutes: Number(formText(form, "bufferMinutes")),
            minNoticeMinutes: Math.round(Number(formText(form, "minNoticeHours")) * 60),
            horizonDays: Number(formText(form, "horizonDays")),
          }),
        );
      default:
        return formFailure(ctx, intent, translate(ctx.locale, "errors.BAD_REQUEST"));
    }
  });
}

export default function MentorAvailability() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const formats = useDateFormats(data.timezone);
  const outcomeOf = (intent: string) => (result?.intent === intent ? result : null);
  const settings = data.settings;

  return (
    <>
      <h1>{t("web.availability.heading")}</h1>
      {data.timezoneSet ? null : (
        <p className="notice">
          {t("web.availability.noTimezone")}{" "}
          <Link to="/mentor/profile">{t("web.availability.setTimezone")}</Link>
        </p>
      )}
      <WeeklyRulesEditor rules={data.rules} timezone={data.timezone} outcome={outcomeOf("rules")} />

      <section className="card" aria-labelledby="overrides-heading">
        <h2 id="overrides-heading">{t("web.availability.overridesHeading")}</h2>
        <p className="muted">{t("web.availability.overridesIntro")}</p>
        {data.overrides.length === 0 ? (
          <p className="muted">{t("web.availability.noOverrides")}</p>
        ) : (
          <ul className="plain-list">
            {data.overrides.map((override) => (
              <li key={override.id} className="override">
                <span>
                  <strong>{formats.dayLong(override.date)}</strong> —{" "}
                  {override.kind === "AVAILABLE"
                    ? t("web.availability.extraHours")
                    : t("web.availability.timeOff")}
                  {override.startMinute !== null && override.endMinute !== null
                    ? ` ${minutesToTime(override.startMinute)}–${minutesToTime(override.endMinute)}`
                    : ` (${t("web.availability.wholeDay")})`}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeOverride" />
                  <input type="hidden" name="id" value={override.id} />
                  <button type="submit" className="link-button">
                    {t("web.availability.removeOverride")}
                    <span className="visually-hidden"> {formats.dayLong(override.date)}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="addOverride" />
          <div className="field">
            <label htmlFor="override-date">{t("web.availability.date")}</label>
            <input id="override-date" name="date" type="date" min={data.today} required />
          </div>
          <div className="field">
            <label htmlFor="override-kind">{t("web.availability.kind")}</label>
            <select id="override-kind" name="kind">
              <option value="UNAVAILABLE">{t("web.availability.timeOff")}</option>
              <option value="AVAILABLE">{t("web.availability.extraHours")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="override-start">{t("web.availability.from")}</label>
            <input id="override-start" name="start" type="time" step={300} />
          </div>
          <div className="field">
            <label htmlFor="override-end">{t("web.availability.to")}</label>
            <input id="override-end" name="end" type="time" step={300} />
          </div>
          <button type="submit" className="button button-small">
            {t("web.availability.addOverride")}
          </button>
        </Form>
        <p className="hint">{t("web.availability.overrideHint")}</p>
        <ActionAlert
          failure={
            result &&
            !result.ok &&
            (result.intent === "addOverride" || result.intent === "removeOverride")
              ? result
              : null
          }
        />
        <StatusNotice
          message={
            result?.ok && result.intent === "addOverride"
              ? t("web.availability.overrideAdded")
              : result?.ok && result.intent === "removeOverride"
                ? t("web.availability.overrideRemoved")
                : null
          }
        />
      </section>

      {settings ? (
        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">{t("web.availability.settingsHeading")}</h2>
          <Form method="post" className="stack" key={JSON.stringify(settings)}>
            <input type="hidden" name="intent" value="settings" />
            <label className="checkbox">
              <input
                type="checkbox"
                name="acceptingBookings"
                defaultChecked={settings.acceptingBookings}
              />{" "}
              {t("web.availability.accepting")}
            </label>
            <p className="hint">{t("web.availability.acceptingHint")}</p>
            <div className="inline-fields">
              <div className="field">
                <label htmlFor="settings-buffer">{t("web.availability.buffer")}</label>
                <input
                  id="settings-buffer"
                  name="bufferMinutes"
                  type="number"
                  min={0}
                  max={120}
                  step={5}
                  defaultValue={settings.bufferMinutes}
                  required
                />
              </div>
              <div className="field">
                <label htmlFor="settings-notice">{t("web.availability.notice")}</label>
                <input
                  id="settings-notice"
                  name="minNoticeHours"
                  type="number"
                  min={0}
                  max={168}
                  step={0.5}
                  defaultValue={settings.minNoticeMinutes / 60}
                  required
                />
              </div>
              <div className="field">
                <label htmlFor="settings-horizon">{t("web.availability.horizon")}</label>
                <input
                  id="settings-horizon"
                  name="horizonDays"
                  type="number"
                  min={1}
                  max={365}
                  defaultValue={settings.horizonDays}
                  required
                />
              </div>
            </div>
            <ActionAlert
              failure={result && !result.ok && result.intent === "settings" ? result : null}
            />
            <StatusNotice
              message={
                result?.ok && result.intent === "settings"
                  ? t("web.availability.settingsSaved")
                  : null
              }
            />
            <div>
              <button type="submit" className="button">
                {t("web.availability.saveSettings")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
