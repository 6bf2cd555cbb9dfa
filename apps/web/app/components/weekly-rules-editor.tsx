import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ActionAlert, StatusNotice } from "~/components/action-alert";
import { useI18n } from "~/lib/i18n";
import { minutesToTime } from "~/lib/time";

interface Rule {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

interface Row {
  key: number;
  start: string;
  end: string;
}

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
// 2024-01-01 was a Monday: weekday n is January n, formatted in UTC.
const weekdayDate = (weekday: number) => new Date(Date.UTC(2024, 0, weekday, 12));

function rowsOf(rules: readonly Rule[]): Record<number, Row[]> {
  let key = 0;
  const rows: Record<number, Row[]> = {};
  for (const weekday of weekdays) rows[weekday] = [];
  for (const rule of rules) {
    rows[rule.weekday]?.push({
      key: key++,
      start: minutesToTime(rule.startMinute),
      end: rule.endMinute === 1440 ? "00:00" : minutesToTime(rule.endMinute),
    });
  }
  return rows;
}

/**
 * The weekly hours, day by day: each interval is a pair of time inputs named
 * `rule-<weekday>-<n>-start|end`, so the form posts them as they are; adding and removing
 * intervals happens in place. An end of 00:00 means midnight at the end of the day.
 */
export function WeeklyRulesEditor({
  rules,
  timezone,
  outcome,
}: {
  rules: Rule[];
  timezone: string;
  outcome?: { ok: boolean; message?: string; requestId?: string } | null;
}) {
  const { t, locale } = useI18n();
  const [rows, setRows] = useState(() => rowsOf(rules));
  const [nextKey, setNextKey] = useState(1000);
  const busy = useNavigation().formData?.get("intent") === "rules";
  useEffect(() => setRows(rowsOf(rules)), [rules]);
  const dayName = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });

  const add = (weekday: number) => {
    setRows((current) => {
      const last = current[weekday]?.at(-1);
      const start = last && last.end !== "00:00" ? last.end : "09:00";
      const [hours = 9] = start.split(":").map(Number);
      const end = hours >= 23 ? "00:00" : `${String(Math.min(hours + 3, 23)).padStart(2, "0")}:00`;
      return { ...current, [weekday]: [...(current[weekday] ?? []), { key: nextKey, start, end }] };
    });
    setNextKey((key) => key + 1);
  };
  const remove = (weekday: number, key: number) =>
    setRows((current) => ({
      ...current,
      [weekday]: (current[weekday] ?? []).filter((row) => row.key !== key),
    }));

  return (
    <section className="card" aria-labelledby="weekly-heading">
      <h2 id="weekly-heading">{t("web.availability.weeklyHeading")}</h2>
      <p className="muted">{t("web.availability.weeklyIntro", { timezone })}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="rules" />
        {weekdays.map((weekday) => {
          const name = dayName.format(weekdayDate(weekday));
          const dayRows = rows[weekday] ?? [];
          return (
            <fieldset key={weekday} className="weekday" data-testid={`weekday-${weekday}`}>
              <legend>{name}</legend>
              {dayRows.length === 0 ? (
                <p className="muted small">{t("web.availability.dayOff")}</p>
              ) : null}
              {dayRows.map((row, index) => (
                <div key={row.key} className="interval">
                  <label htmlFor={`rule-${weekday}-${row.key}-start`} className="visually-hidden">
                    {t("web.availability.startOf", { day: name, n: index + 1 })}
                  </label>
                  <input
                    id={`rule-${weekday}-${row.key}-start`}
                    name={`rule-${weekday}-${row.key}-start`}
                    type="time"
                    step={300}
                    defaultValue={row.start}
                    required
                  />
                  <span aria-hidden="true">–</span>
                  <label htmlFor={`rule-${weekday}-${row.key}-end`} className="visually-hidden">
                    {t("web.availability.endOf", { day: name, n: index + 1 })}
                  </label>
                  <input
                    id={`rule-${weekday}-${row.key}-end`}
                    name={`rule-${weekday}-${row.key}-end`}
                    type="time"
                    step={300}
                    defaultValue={row.end}
                    required
                  />
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => remove(weekday, row.key)}
                  >
                    {t("web.availability.removeInterval")}
                    <span className="visually-hidden">
                      {" "}
                      {t("web.availability.intervalOf", { day: name, n: index + 1 })}
                    </span>
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => add(weekday)}
              >
                {t("web.availability.addInterval")}
                <span className="visually-hidden"> ({name})</span>
              </button>
            </fieldset>
          );
        })}
        {outcome && !outcome.ok ? (
          <ActionAlert failure={{ message: outcome.message ?? "", requestId: outcome.requestId }} />
        ) : null}
        <StatusNotice message={outcome?.ok ? t("web.availability.rulesSaved") : null} />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t("web.availability.saveRules")}
          </button>
        </div>
      </Form>
    </section>
  );
}
