import { type Locale, locales } from "@mentora/i18n";
import { Form, useRevalidator } from "@remix-run/react";
import { type FormEvent, useState } from "react";
import { useT } from "~/lib/i18n";
import { type ClientError, clientError, trpc } from "~/lib/trpc.browser";

interface Props {
  locale: Locale | null;
  timezone: string | null;
  timeZones: string[];
}

type Status =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved" }
  | ({ state: "error" } & ClientError);

/**
 * Language and timezone, saved through the browser's tRPC client; the page then revalidates
 * its loaders, so a new language shows at once without a reload. Without JavaScript the same
 * form posts to the route's action.
 */
export function AccountPreferences({ locale, timezone, timeZones }: Props) {
  const t = useT();
  const revalidator = useRevalidator();
  const [status, setStatus] = useState<Status>({ state: "idle" });

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const nextLocale = String(form.get("locale") ?? "");
    const nextTimezone = String(form.get("timezone") ?? "");
    setStatus({ state: "saving" });
    try {
      await trpc().account.updatePreferences.mutate({
        locale: (locales as readonly string[]).includes(nextLocale) ? (nextLocale as Locale) : null,
        timezone: nextTimezone || null,
      });
      setStatus({ state: "saved" });
      revalidator.revalidate();
    } catch (error) {
      setStatus({ state: "error", ...clientError(error, t("errors.INTERNAL_SERVER_ERROR")) });
    }
  }

  return (
    <section className="card" aria-labelledby="preferences-heading">
      <h2 id="preferences-heading">{t("web.account.preferences.heading")}</h2>
      <p className="muted">{t("web.account.preferences.intro")}</p>
      <Form method="post" className="stack" onSubmit={save}>
        <input type="hidden" name="intent" value="preferences" />
        <div className="field">
          <label htmlFor="preferences-locale">{t("web.account.preferences.language")}</label>
          <select id="preferences-locale" name="locale" defaultValue={locale ?? ""}>
            <option value="">{t("web.account.preferences.followBrowser")}</option>
            {locales.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(`web.languages.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="preferences-timezone">{t("web.account.preferences.timezone")}</label>
          <select id="preferences-timezone" name="timezone" defaultValue={timezone ?? ""}>
            <option value="">{t("web.account.preferences.followBrowser")}</option>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <div className="form-footer">
          <button type="submit" className="button" disabled={status.state === "saving"}>
            {status.state === "saving"
              ? t("web.account.preferences.saving")
              : t("web.account.preferences.save")}
          </button>
          <p role="status" className="status-text">
            {status.state === "saved" ? t("web.account.preferences.saved") : null}
          </p>
        </div>
        {status.state === "error" ? (
          <div className="alert alert-error" role="alert">
            {status.message}
            {status.requestId ? (
              <span className="muted block">
                {t("web.errorPage.requestId", { requestId: status.requestId })}
              </span>
            ) : null}
          </div>
        ) : null}
      </Form>
    </section>
  );
}
