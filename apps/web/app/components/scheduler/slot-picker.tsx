import { Form, Link, useNavigation } from "@remix-run/react";
import { ToggleGroup } from "radix-ui";
import { useEffect, useId, useMemo, useState } from "react";
import { Button, buttonVariants } from "~/components/ui/button";
import { cn } from "~/lib/cn";
import { useFormatDuration, useFormatMoney, useI18n, useT } from "~/lib/i18n";
import { addMonths, monthGrid, type SchedulerParams, schedulerHref } from "./scheduler-url";
import { type ZoneOption, zoneLabel, zoneOption, zoneOptions, zoneOptionsHtml } from "./time-zones";

export interface SchedulerView {
  offeringId: string;
  durationMinutes: number;
  timeZone: string;
  tzParam: string | null;
  hour12: boolean;
  today: string;
  month: string;
  firstMonth: string;
  paused: boolean;
  freeDays: string[];
  date: string | null;
  times: { start: string; end: string; seatsLeft: number | null }[];
}

interface SchedulerProps {
  mentorId: string;
  offering: {
    title: string;
    options: { id: string; durationMinutes: number; priceMinor: number; currency: string }[];
  };
  view: SchedulerView;
  signedIn: boolean;
  /** A chosen time being confirmed: highlighted in the list. */
  selected?: string | null;
}

// Formatters are costly to build and the page renders on every request: kept per settings.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(key: string, build: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formatters.get(key);
  if (!format) {
    if (formatters.size > 300) formatters.clear();
    format = build();
    formatters.set(key, format);
  }
  return format;
}

/** Times in a zone on the chosen 12/24-hour clock; local dates ("YYYY-MM-DD") as words. */
export function useClockFormats(timeZone: string, hour12: boolean) {
  const { locale } = useI18n();
  return useMemo(() => {
    const time = formatterOf(
      `t|${locale}|${timeZone}|${hour12}`,
      () =>
        new Intl.DateTimeFormat(locale, {
          hour: "numeric",
          minute: "2-digit",
          hourCycle: hour12 ? "h12" : "h23",
          timeZone,
        }),
    );
    const day = formatterOf(
      `d|${locale}`,
      () =>
        new Intl.DateTimeFormat(locale, {
          weekday: "long",
          day: "numeric",
          month: "long",
          timeZone: "UTC",
        }),
    );
    const fullDate = formatterOf(
      `f|${locale}|${timeZone}`,
      () => new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone }),
    );
    const monthName = formatterOf(
      `m|${locale}`,
      () => new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }),
    );
    const weekday = formatterOf(
      `w|${locale}`,
      () => new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }),
    );
    const noon = (date: string) => new Date(`${date}T12:00:00Z`);
    return {
      time: (instant: Date) => time.format(instant),
      range: (start: Date, end: Date) => `${time.format(start)} – ${time.format(end)}`,
      fullDate: (instant: Date) => fullDate.format(instant),
      day: (date: string) => day.format(noon(date)),
      month: (month: string) => monthName.format(noon(`${month}-15`)),
      // 2024-01-01 was a Monday: the week's short day names in the locale.
      weekdays: Array.from({ length: 7 }, (_, index) =>
        weekday.format(noon(`2024-01-0${index + 1}`)),
      ),
    };
  }, [locale, timeZone, hour12]);
}

/**
 * The scheduler of one offering: duration, a month calendar marking the days with free times,
 * the chosen day's times, the time zone and the clock. Every control is a link or a plain form,
 * so it all works without JavaScript; JavaScript only adds the searchable zone picker.
 */
export function Scheduler({ mentorId, offering, view, signedIn, selected }: SchedulerProps) {
  const t = useT();
  const formatDuration = useFormatDuration();
  const formatMoney = useFormatMoney();
  const formats = useClockFormats(view.timeZone, view.hour12);
  const headingId = useId();
  const timesId = useId();
  const base = { duration: view.durationMinutes, tz: view.tzParam };
  const href = (params: SchedulerParams) =>
    schedulerHref(mentorId, view.offeringId, { ...base, ...params });
  const slotHref = (start: string) => {
    const target = href({ slot: start });
    return signedIn ? target : `/sign-in?redirectTo=${encodeURIComponent(target)}`;
  };
  const free = new Set(view.freeDays);
  const prevMonth = addMonths(view.month, -1);
  const nextMonth = addMonths(view.month, 1);

  return (
    <section
      className="flex flex-col gap-4 rounded-xl border border-border bg-surface p-4 shadow-sm sm:p-5"
      aria-labelledby={headingId}
      id="scheduler"
      data-testid="scheduler"
    >
      <h2 id={headingId} className="m-0 text-xl font-semibold">
        {t("web.scheduler.schedulerHeading", { title: offering.title })}
      </h2>

      <div className="flex flex-col gap-1">
        <span id={`${headingId}-duration`} className="text-sm font-semibold">
          {t("web.scheduler.duration")}
        </span>
        <ToggleGroup.Root
          type="single"
          value={String(view.durationMinutes)}
          aria-labelledby={`${headingId}-duration`}
          className="flex flex-wrap gap-2"
          data-testid="duration-toggle"
        >
          {offering.options.map((option) => {
            const on = option.durationMinutes === view.durationMinutes;
            return (
              <ToggleGroup.Item key={option.id} value={String(option.durationMinutes)} asChild>
                <Link
                  to={href({ duration: option.durationMinutes, date: view.date })}
                  preventScrollReset
                  className={cn(
                    buttonVariants({ variant: on ? "primary" : "secondary", size: "sm" }),
                    "h-auto min-h-8 py-1",
                  )}
                  data-testid="duration"
                >
                  {formatDuration(option.durationMinutes)} ·{" "}
                  {formatMoney(option.priceMinor, option.currency)}
                </Link>
              </ToggleGroup.Item>
            );
          })}
        </ToggleGroup.Root>
      </div>

      <div className="flex flex-wrap items-end gap-3">
        <TimeZonePicker
          current={view.timeZone}
          hidden={{ duration: view.durationMinutes, date: view.date, month: view.month }}
          hrefFor={(zone) => href({ tz: zone, date: view.date, month: view.month })}
        />
        <ClockToggle hour12={view.hour12} />
      </div>

      {view.paused ? (
        <p className="notice">{t("web.scheduler.paused")}</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,16rem)]">
          <div>
            <div className="mb-2 flex items-center justify-between gap-2">
              {view.month > view.firstMonth ? (
                <Link
                  to={href({ month: prevMonth })}
                  preventScrollReset
                  className={buttonVariants({ variant: "ghost", size: "sm" })}
                  aria-label={t("web.scheduler.previousMonth")}
                  data-testid="previous-month"
                >
                  <span aria-hidden="true">←</span>
                </Link>
              ) : (
                <span className="w-8" />
              )}
              <p className="m-0 font-semibold" aria-live="polite" data-testid="month-label">
                {formats.month(view.month)}
              </p>
              <Link
                to={href({ month: nextMonth })}
                preventScrollReset
                className={buttonVariants({ variant: "ghost", size: "sm" })}
                aria-label={t("web.scheduler.nextMonth")}
                data-testid="next-month"
              >
                <span aria-hidden="true">→</span>
              </Link>
            </div>
            {/* The cells' looks are set once here, not on each of the month's ~35 cells (decision 078). */}
            <table className="w-full table-fixed border-collapse text-center text-sm [&_a]:bg-primary-soft [&_a]:font-semibold [&_a]:text-primary [&_a]:no-underline [&_a:hover]:bg-primary [&_a:hover]:text-on-primary [&_a[aria-current]]:bg-primary [&_a[aria-current]]:text-on-primary [&_td]:p-0.5 [&_td>*]:flex [&_td>*]:h-9 [&_td>*]:items-center [&_td>*]:justify-center [&_td>*]:rounded-lg [&_td>span]:text-muted [&_th]:py-1 [&_th]:font-medium [&_th]:text-muted">
              <caption className="visually-hidden">{t("web.scheduler.calendar")}</caption>
              <thead>
                <tr>
                  {formats.weekdays.map((name) => (
                    <th key={name} scope="col">
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {monthGrid(view.month).map((week) => (
                  <tr key={week.find(Boolean) ?? "empty"}>
                    {week.map((date, index) => (
                      <td key={date ?? `blank-${index}`}>
                        {date ? (
                          <CalendarDay
                            date={date}
                            free={free.has(date)}
                            chosen={date === view.date}
                            label={formats.day(date)}
                            href={href({ date })}
                          />
                        ) : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section aria-labelledby={timesId}>
            <h3 id={timesId} className="m-0 mb-2 text-base font-semibold">
              {view.date
                ? t("web.scheduler.timesOn", { day: formats.day(view.date) })
                : formats.month(view.month)}
            </h3>
            {view.times.length > 0 ? (
              // buttonVariants' secondary small look (primary for the chosen time), set once on
              // the list rather than on each of up to ~30 links (decision 078): keep in step.
              <ul
                className="m-0 grid list-none grid-cols-3 gap-2 p-0 md:grid-cols-2 [&_a]:inline-flex [&_a]:min-h-8 [&_a]:w-full [&_a]:cursor-pointer [&_a]:items-center [&_a]:justify-center [&_a]:gap-2 [&_a]:rounded-lg [&_a]:border [&_a]:border-input [&_a]:bg-surface [&_a]:px-3 [&_a]:py-1 [&_a]:text-center [&_a]:text-sm [&_a]:font-semibold [&_a]:text-text [&_a]:no-underline [&_a]:transition-colors [&_a:focus-visible]:outline-3 [&_a:focus-visible]:outline-focus [&_a:focus-visible]:outline-offset-2 [&_a:hover]:bg-primary-soft [&_a[aria-current]]:border-transparent [&_a[aria-current]]:bg-primary [&_a[aria-current]]:text-on-primary [&_a[aria-current]:hover]:bg-primary-hover"
                data-testid="times"
              >
                {view.times.map((slot) => (
                  <li key={slot.start}>
                    <Link
                      to={slotHref(slot.start)}
                      discover="none"
                      data-testid="slot"
                      data-start={slot.start}
                      aria-current={selected === slot.start ? "true" : undefined}
                    >
                      {formats.time(new Date(slot.start))}
                      {slot.seatsLeft !== null ? (
                        <span className="font-normal">
                          {" "}
                          · {t("web.scheduler.seatsLeft", { seats: slot.seatsLeft })}
                        </span>
                      ) : null}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted m-0 text-sm" data-testid="no-times">
                {view.freeDays.length === 0
                  ? t("web.scheduler.noTimesThisMonth")
                  : view.date
                    ? t("web.scheduler.noTimesThatDay")
                    : t("web.scheduler.pickDay")}
              </p>
            )}
          </section>
        </div>
      )}
      <p className="muted m-0 text-sm" data-testid="shown-in">
        {t("web.scheduler.shownIn", { zone: zoneLabel(zoneOption(view.timeZone)) })}
      </p>
      {signedIn ? null : <p className="muted m-0 text-sm">{t("web.scheduler.signInToBook")}</p>}
    </section>
  );
}

function CalendarDay(props: {
  date: string;
  free: boolean;
  chosen: boolean;
  label: string;
  href: string;
}) {
  const t = useT();
  const day = Number(props.date.slice(8));
  if (!props.free) {
    const text = t("web.scheduler.noFreeDay", { day: props.label });
    return (
      <span title={text}>
        <span aria-hidden="true">{day}</span>
        <span className="visually-hidden">{text}</span>
      </span>
    );
  }
  // Styled by the table. `discover="none"`: the link stays on this route, already known.
  return (
    <Link
      to={props.href}
      preventScrollReset
      discover="none"
      aria-current={props.chosen ? "date" : undefined}
      aria-label={t("web.scheduler.freeDay", { day: props.label })}
      data-testid="free-day"
      data-date={props.date}
    >
      {day}
    </Link>
  );
}

/** 12- or 24-hour times: a plain form (a cookie remembers it), no JavaScript needed. */
function ClockToggle({ hour12 }: { hour12: boolean }) {
  const t = useT();
  const busy = useNavigation().formData?.get("intent") === "clock";
  return (
    <Form method="post" preventScrollReset replace className="flex flex-col gap-1">
      <input type="hidden" name="intent" value="clock" />
      <fieldset className="m-0 flex gap-1 border-0 p-0" disabled={busy}>
        <legend className="mb-1 p-0 text-sm font-semibold">{t("web.scheduler.clock")}</legend>
        {(["12", "24"] as const).map((value) => {
          const on = hour12 === (value === "12");
          return (
            <Button
              key={value}
              type="submit"
              name="clock"
              value={value}
              size="sm"
              variant={on ? "primary" : "secondary"}
              aria-pressed={on}
              data-testid={`clock-${value}`}
            >
              {value === "12" ? t("web.scheduler.clock12") : t("web.scheduler.clock24")}
            </Button>
          );
        })}
      </fieldset>
    </Form>
  );
}

/**
 * Without JavaScript: a <select> of every zone with its offset and a submit button (inside
 * <noscript>, which React never hydrates, so the long list is neither in the client bundle's
 * work nor in the loader data). With JavaScript: a searchable list that opens under a button.
 */
function TimeZonePicker(props: {
  current: string;
  hidden: { duration: number; date: string | null; month: string };
  hrefFor: (zone: string) => string;
}) {
  const t = useT();
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const selectId = useId();
  return (
    <div className="flex flex-col gap-1">
      <noscript>
        <form method="get" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="duration" value={props.hidden.duration} />
          {props.hidden.date ? (
            <input type="hidden" name="date" value={props.hidden.date} />
          ) : (
            <input type="hidden" name="month" value={props.hidden.month} />
          )}
          <span className="flex flex-col gap-1">
            <label htmlFor={selectId} className="text-sm font-semibold">
              {t("web.scheduler.timeZone")}
            </label>
            <select
              id={selectId}
              name="tz"
              data-testid="tz-select"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: zone names and offsets, escaped, built once an hour
              dangerouslySetInnerHTML={{ __html: zoneOptionsHtml(props.current) }}
            />
          </span>
          <button type="submit" className={buttonVariants({ variant: "secondary", size: "sm" })}>
            {t("web.scheduler.timeZoneApply")}
          </button>
        </form>
      </noscript>
      {enhanced ? <ZoneSearch current={props.current} hrefFor={props.hrefFor} /> : null}
    </div>
  );
}

function withCurrent(options: ZoneOption[], current: string): ZoneOption[] {
  return options.some((option) => option.zone === current)
    ? options
    : [zoneOption(current), ...options];
}

function ZoneSearch({ current, hrefFor }: { current: string; hrefFor: (zone: string) => string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const searchId = useId();
  const panelId = useId();
  const label = zoneLabel(zoneOption(current));
  const matches = useMemo(() => {
    if (!open) return [];
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const all = withCurrent(zoneOptions(), current);
    const words = query.toLowerCase().replaceAll("_", " ").split(/\s+/).filter(Boolean);
    const found = all.filter((option) => {
      const text = zoneLabel(option).toLowerCase();
      return words.every((word) => text.includes(word));
    });
    // The browser's own zone first: the likeliest choice.
    found.sort((a, b) => Number(b.zone === browser) - Number(a.zone === browser));
    return found.slice(0, 60);
  }, [open, query, current]);
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-semibold" aria-hidden="true">
        {t("web.scheduler.timeZone")}
      </span>
      <Button
        variant="secondary"
        size="sm"
        aria-label={t("web.scheduler.timeZoneChange", { zone: label })}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        // Long zone names wrap on a phone instead of pushing the page sideways.
        className="h-auto min-h-8 whitespace-normal py-1 text-left"
        data-testid="tz-trigger"
      >
        {label}
      </Button>
      {/* Inline, not a floating popover: it pushes the calendar down on a phone instead of covering it. */}
      {open ? (
        <div
          id={panelId}
          className="flex w-[min(22rem,calc(100vw-3rem))] flex-col gap-2 rounded-xl border border-border bg-surface p-3 shadow-lg"
        >
          <label htmlFor={searchId} className="text-sm font-semibold">
            {t("web.scheduler.timeZoneSearch")}
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setOpen(false);
            }}
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the panel opens on request to type in it
            autoFocus
            data-testid="tz-search"
          />
          {matches.length === 0 ? (
            <p className="muted m-0 text-sm">{t("web.scheduler.timeZoneNoMatch")}</p>
          ) : (
            <ul className="m-0 flex max-h-64 list-none flex-col overflow-auto p-0">
              {matches.map((option) => (
                <li key={option.zone}>
                  <Link
                    to={hrefFor(option.zone)}
                    preventScrollReset
                    onClick={() => setOpen(false)}
                    className="block rounded-md px-2 py-1 text-sm no-underline hover:bg-primary-soft"
                    aria-current={option.zone === current ? "true" : undefined}
                    data-testid="tz-option"
                  >
                    {zoneLabel(option)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
