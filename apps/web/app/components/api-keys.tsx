import { apiKeyExpiryDays, apiScopes } from "@mentora/core/contracts";
import { Form, Link, useNavigation } from "@remix-run/react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { useFormatDateTime, useT } from "~/lib/i18n";

export interface ApiKeyRow {
  id: string;
  name: string;
  start: string | null;
  scopes: string[];
  createdAt: string | Date;
  expiresAt: string | Date | null;
  lastUsedAt: string | Date | null;
}

type Failure = { message: string; requestId?: string } | null;

/**
 * "API keys" on the account page (decision 052): create one (name, scopes, optional expiry;
 * the key is shown once, in the action's answer), see them with when they were last used,
 * revoke. Plain forms: works without JavaScript.
 */
export function ApiKeys({
  keys,
  created,
  failure,
  revoked,
}: {
  keys: ApiKeyRow[];
  created: { name: string; key: string } | null;
  failure: Failure;
  revoked: boolean;
}) {
  const t = useT();
  const formatDate = useFormatDateTime();
  const navigation = useNavigation();
  const creating =
    navigation.state !== "idle" && navigation.formData?.get("intent") === "api-key-create";
  return (
    <section className="card" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">{t("web.apiKeys.heading")}</h2>
      <p>{t("web.apiKeys.intro")}</p>
      <p>
        <Link to="/api/docs">{t("web.apiKeys.docsLink")}</Link>
      </p>
      {created ? (
        <div className="alert alert-success" role="status" data-testid="api-key-created">
          <p>{t("web.apiKeys.created", { name: created.name })}</p>
          <p>
            <code data-testid="api-key-value">{created.key}</code>
          </p>
          <p className="muted">{t("web.apiKeys.copyHint")}</p>
        </div>
      ) : null}
      <StatusNotice message={revoked ? t("web.apiKeys.revoked") : null} />
      <ActionAlert failure={failure} />
      <Form method="post" className="stack-tight" data-testid="api-key-form">
        <input type="hidden" name="intent" value="api-key-create" />
        <div className="field">
          <label htmlFor="api-key-name">{t("web.apiKeys.name")}</label>
          <input
            id="api-key-name"
            name="name"
            required
            maxLength={64}
            autoComplete="off"
            placeholder={t("web.apiKeys.namePlaceholder")}
          />
        </div>
        <fieldset className="stack-tight">
          <legend>{t("web.apiKeys.scopes")}</legend>
          {apiScopes.map((scope) => (
            <div key={scope} className="field checkbox">
              <input
                id={`api-key-scope-${scope}`}
                type="checkbox"
                name="scope"
                value={scope}
                defaultChecked
              />
              <label htmlFor={`api-key-scope-${scope}`}>{t(`web.apiKeys.scope.${scope}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="api-key-expiry">{t("web.apiKeys.expiry")}</label>
          <select id="api-key-expiry" name="expiresInDays" defaultValue="">
            <option value="">{t("web.apiKeys.expiryNever")}</option>
            {apiKeyExpiryDays.map((days) => (
              <option key={days} value={days}>
                {t("web.apiKeys.expiryDays", { days })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" className="button" disabled={creating}>
            {creating ? t("web.apiKeys.creating") : t("web.apiKeys.create")}
          </button>
        </div>
      </Form>
      {keys.length === 0 ? (
        <p className="muted">{t("web.apiKeys.empty")}</p>
      ) : (
        <ul className="plain-list" data-testid="api-keys">
          {keys.map((key) => (
            <li key={key.id} data-testid="api-key">
              <p>
                <strong>{key.name}</strong>{" "}
                {key.start ? (
                  <span className="muted">
                    {t("web.apiKeys.start")} <code>{key.start}…</code>
                  </span>
                ) : null}
              </p>
              <p className="muted">
                {key.scopes
                  .map((scope) =>
                    (apiScopes as readonly string[]).includes(scope)
                      ? t(`web.apiKeys.scope.${scope as (typeof apiScopes)[number]}`)
                      : scope,
                  )
                  .join(" · ")}
              </p>
              <p className="muted">
                {t("web.apiKeys.createdAt", { date: formatDate(new Date(key.createdAt)) })} —{" "}
                {key.lastUsedAt
                  ? t("web.apiKeys.lastUsed", { date: formatDate(new Date(key.lastUsedAt)) })
                  : t("web.apiKeys.neverUsed")}{" "}
                —{" "}
                {key.expiresAt
                  ? t("web.apiKeys.expiresAt", { date: formatDate(new Date(key.expiresAt)) })
                  : t("web.apiKeys.noExpiry")}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="api-key-revoke" />
                <input type="hidden" name="keyId" value={key.id} />
                <button
                  type="submit"
                  className="button button-secondary"
                  aria-label={t("web.apiKeys.revokeLabel", { name: key.name })}
                >
                  {t("web.apiKeys.revoke")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
