import { Link } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useDateFormats, useI18n } from "~/lib/i18n";
import { addDays, zonedTimeToUtc } from "~/lib/time";
import { clientError, trpc } from "~/lib/trpc.browser";

export interface PublicSlot {
  start: string;
  end: string;
  seatsLeft: number | null;
  sessionId: string | null;
}

export interface SlotWeek {
  /** First local date of the week shown (viewer's timezone). */
  week: string;
  timezone: string;
  paused: boolean;
  days: { date: string; slots: PublicSlot[] }[];
}

/** The 7 days [week, week + 7) as instants in a zone: what directory.slots is asked for. */
export function weekRange(week: string, timeZone: string): { from: Date; to: Date } {
  return {
    from: zonedTimeToUtc(week, 0, timeZone),
    to: zonedTimeToUtc(addDays(week, 7), 0, timeZone),
  };
}

interface SlotPickerProps {
  optionId: string;
  /** What the picker is for, e.g. "Intro call · 30 min": names the region. */
  label: string;
  today: string;
  initial: SlotWeek;
  /** Where choosing a slot goes (the confirm form, or sign-in first). */
  hrefFor: (slotStart: string) => string;
  selected?: string | null;
}

/**
 * The free times of one duration option, a week at a time, in the viewer's timezone. Times are
 * links (they work without JavaScript); other weeks are fetched in place through tRPC.
 */
export function SlotPicker({
  optionId,
  label,
  today,
  initial,
  hrefFor,
  selected,
}: SlotPickerProps) {
  const { t, timeZone } = useI18n();
  const formats = useDateFormats(initial.timezone || timeZone);
  const [week, setWeek] = useState(initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const headingId = useId();

  // A new loader result (another page, a revalidation) replaces what is shown.
  useEffect(() => setWeek(initial), [initial]);

  async function show(start: string) {
    const ticket = ++request.current;
    setLoading(true);
    setError(null);
    try {
      const zone = week.timezone || timeZone;
      const result = await trpc().directory.slots.query({ optionId, ...weekRange(start, zone) });
      if (ticket === request.current) setWeek({ week: start, ...result });
    } catch (cause) {
      if (ticket === request.current) {
        setError(clientError(cause, t("errors.INTERNAL_SERVER_ERROR")).message);
      }
    } finally {
      if (ticket === request.current) setLoading(false);
    }
  }

  const byDate = new Map(week.days.map((day) => [day.date, day.slots]));
  const dates = Array.from({ length: 7 }, (_, index) => addDays(week.week, index));
  const total = week.days.reduce((count, day) => count + day.slots.length, 0);

  return (
    <section className="slot-picker" aria-labelledby={headingId} aria-busy={loading}>
      <h4 id={headingId} className="visually-hidden">
        {t("web.slots.heading", { label })}
      </h4>
      <div className="week-nav">
        <button
          type="button"
          className="button button-small button-secondary"
          disabled={week.week <= today || loading}
          onClick={() => void show(addDays(week.week, -7) < today ? today : addDays(week.week, -7))}
        >
          <span aria-hidden="true">← </span>
          {t("web.slots.previousWeek")}
        </button>
        <p className="week-label" aria-live="polite">
          {formats.dayRange(week.week, addDays(week.week, 6))}
        </p>
        <button
          type="button"
          className="button button-small button-secondary"
          disabled={loading}
          onClick={() => void show(addDays(week.week, 7))}
        >
          {t("web.slots.nextWeek")}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      {week.paused ? (
        <p className="notice">{t("web.slots.paused")}</p>
      ) : (
        <>
          <ul className="slot-days">
            {dates.map((date) => {
              const slots = byDate.get(date) ?? [];
              return (
                <li key={date} className="slot-day">
                  <p className="slot-day-label">{formats.dayShort(date)}</p>
                  {slots.length === 0 ? (
                    <p className="muted small">{t("web.slots.none")}</p>
                  ) : (
                    <ul className="slot-times">
                      {slots.map((slot) => (
                        <li key={slot.start}>
                          <Link
                            to={hrefFor(slot.start)}
                            className="slot"
                            data-testid="slot"
                            data-start={slot.start}
                            aria-current={selected === slot.start ? "true" : undefined}
                          >
                            {formats.time(new Date(slot.start))}
                            <span className="visually-hidden">, {formats.dayLong(date)}</span>
                            {slot.seatsLeft !== null ? (
                              <span className="slot-seats">
                                {t("web.slots.seatsLeft", { seats: slot.seatsLeft })}
                              </span>
                            ) : null}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
          {total === 0 ? <p className="muted">{t("web.slots.emptyWeek")}</p> : null}
        </>
      )}
      <p className="muted small">{t("web.slots.timezone", { timezone: week.timezone })}</p>
    </section>
  );
}
