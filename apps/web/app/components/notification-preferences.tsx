import { Form } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { useT } from "~/lib/i18n";

export interface NotificationPreferenceRow {
  kind: string;
  inApp: boolean;
  email: boolean;
  emailOffered: boolean;
}

type Failure = { message: string; requestId?: string | undefined } | null;

/**
 * Per kind and channel (in the app, by e-mail), in the account page. A plain form: every kind
 * is named in a hidden field, so an unticked box is read as "off".
 */
export function NotificationPreferences({
  rows,
  saved,
  failure,
}: {
  rows: NotificationPreferenceRow[];
  saved: boolean;
  failure: Failure;
}) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="notification-preferences-heading">
      <h2 id="notification-preferences-heading">{t("web.notifications.preferences.heading")}</h2>
      <p className="muted">{t("web.notifications.preferences.intro")}</p>
      <StatusNotice message={saved ? t("web.notifications.preferences.saved") : null} />
      <ActionAlert failure={failure} />
      <Form method="post" data-testid="notification-preferences">
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("web.notifications.preferences.kind")}</th>
                <th scope="col">{t("web.notifications.preferences.inApp")}</th>
                <th scope="col">{t("web.notifications.preferences.email")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const label = t(`web.notifications.kinds.${row.kind}` as never);
                return (
                  <tr key={row.kind}>
                    <th scope="row">
                      {label}
                      <input type="hidden" name="kind" value={row.kind} />
                    </th>
                    <td>
                      <input
                        type="checkbox"
                        name={`inApp:${row.kind}`}
                        defaultChecked={row.inApp}
                        aria-label={`${label}: ${t("web.notifications.preferences.inApp")}`}
                      />
                    </td>
                    <td>
                      {row.emailOffered ? (
                        <input
                          type="checkbox"
                          name={`email:${row.kind}`}
                          defaultChecked={row.email}
                          aria-label={`${label}: ${t("web.notifications.preferences.email")}`}
                        />
                      ) : (
                        t("web.notifications.preferences.notOffered")
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="submit" name="intent" value="notifications" className="button">
          {t("web.notifications.preferences.save")}
        </button>
      </Form>
    </section>
  );
}
