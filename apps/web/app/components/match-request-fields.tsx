import { useLanguageName, useT } from "~/lib/i18n";
import { matchCurrencies, matchLanguages } from "~/lib/match-form";

/**
 * "Describe what you need": free text, languages, a budget per session and when. Shared by
 * sign-up (optional), the matches page and the directory.
 */
export function MatchRequestFields({
  defaultText,
  required = false,
  error,
}: {
  defaultText?: string;
  required?: boolean;
  error?: string | null;
}) {
  const t = useT();
  const languageName = useLanguageName();
  return (
    <fieldset className="stack">
      <legend>{t("web.matches.legend")}</legend>
      <div className={error ? "field field-invalid" : "field"}>
        <label htmlFor="field-need">{t("web.matches.need")}</label>
        <p id="field-need-hint" className="hint">
          {t("web.matches.needHint")}
        </p>
        <textarea
          id="field-need"
          name="need"
          rows={3}
          maxLength={2000}
          required={required}
          defaultValue={defaultText}
          aria-describedby={error ? "field-need-hint field-need-error" : "field-need-hint"}
          aria-invalid={error ? true : undefined}
        />
        {error ? (
          <p id="field-need-error" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <fieldset>
        <legend>{t("web.matches.languages")}</legend>
        <div className="inline-list">
          {matchLanguages.map((code) => (
            <label key={code}>
              <input type="checkbox" name="needLanguage" value={code} /> {languageName(code)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="field-need-budget">{t("web.matches.budget")}</label>
        <div className="inline-list">
          <input
            id="field-need-budget"
            name="needBudget"
            type="number"
            min={0}
            step="1"
            inputMode="decimal"
          />
          <select name="needCurrency" aria-label={t("web.matches.currency")} defaultValue="EUR">
            {matchCurrencies.map((currency) => (
              <option key={currency} value={currency}>
                {currency}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="field-need-from">{t("web.matches.from")}</label>
        <input id="field-need-from" name="needFrom" type="datetime-local" />
      </div>
      <div className="field">
        <label htmlFor="field-need-to">{t("web.matches.to")}</label>
        <input id="field-need-to" name="needTo" type="datetime-local" />
      </div>
    </fieldset>
  );
}
