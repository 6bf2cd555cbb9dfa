import {
  createTreeTranslator,
  defaultLocale,
  type Locale,
  type MessageKey,
  type MessageTree,
  type Translate,
} from "@mentora/i18n";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { formatMoney, formatMoneyRange } from "./money";

interface I18nValue {
  locale: Locale;
  timeZone: string;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({
  locale: defaultLocale,
  timeZone: "UTC",
  t: createTreeTranslator({}),
});

/**
 * Messages come from the root loader: the page's namespaces in the viewer's locale (decision
 * 024), the same data on server and client, so both render the same text.
 */
export function I18nProvider(props: {
  locale: Locale;
  timeZone: string;
  messages: MessageTree;
  children: ReactNode;
}) {
  const { locale, timeZone, messages, children } = props;
  const value = useMemo(
    () => ({ locale, timeZone, t: createTreeTranslator(messages) }),
    [locale, timeZone, messages],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

/** A date in the viewer's language and timezone (the same on server and client: no mismatch). */
export function useFormatDateTime(): (date: Date) => string {
  const { locale, timeZone } = useI18n();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
    return (date: Date) => format.format(date);
  }, [locale, timeZone]);
}

/** Narrows a runtime string (from an action or the server) to a message key. */
export function asMessageKey(value: string, fallback: MessageKey): MessageKey {
  return value.startsWith("web.") || value.startsWith("errors.") ? (value as MessageKey) : fallback;
}

/** Prices in the viewer's language; 0 reads "Free". */
export function useFormatMoney(): (priceMinor: number, currency: string) => string {
  const { locale, t } = useI18n();
  return useMemo(
    () => (priceMinor: number, currency: string) =>
      formatMoney(priceMinor, currency, locale, t("web.money.free")),
    [locale, t],
  );
}

/** Amounts (balances, payments) in the viewer's language; 0 is "€0.00", never "Free". */
export function useFormatAmount(): (amountMinor: number, currency: string) => string {
  const { locale } = useI18n();
  return useMemo(
    () => (amountMinor: number, currency: string) => formatMoney(amountMinor, currency, locale),
    [locale],
  );
}

/** Date and time formatters in the viewer's language, in a given zone (default: the viewer's). */
export function useDateFormats(zone?: string) {
  const { locale, timeZone: viewerZone } = useI18n();
  const timeZone = zone ?? viewerZone;
  return useMemo(() => dateFormatsFor(locale, timeZone), [locale, timeZone]);
}

type DateFormats = ReturnType<typeof buildDateFormats>;

// Building six Intl.DateTimeFormat per component render showed in the mentor page profile (the
// server renders every request afresh): kept per locale and zone, bounded (decision 029).
const dateFormats = new Map<string, DateFormats>();
const maxDateFormats = 200;

function dateFormatsFor(locale: string, timeZone: string): DateFormats {
  const key = `${locale}\u0000${timeZone}`;
  let formats = dateFormats.get(key);
  if (!formats) {
    formats = buildDateFormats(locale, timeZone);
    if (dateFormats.size >= maxDateFormats) dateFormats.clear();
    dateFormats.set(key, formats);
  }
  return formats;
}

function buildDateFormats(locale: string, timeZone: string) {
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
  });
  const longDate = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone });
  // Local dates ("YYYY-MM-DD") are formatted at their UTC noon, in UTC: no zone can shift them.
  const dayLong = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });
  const dayShort = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const dayRange = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const localNoon = (date: string) => new Date(`${date}T12:00:00Z`);
  return {
    timeZone,
    time: (date: Date) => time.format(date),
    dateTime: (date: Date) => dateTime.format(date),
    longDate: (date: Date) => longDate.format(date),
    // Not formatRange: Node's and the browsers' ICU space ranges differently (thin spaces vs
    // plain ones), which would make server and client render different text.
    timeRange: (start: Date, end: Date) => `${time.format(start)} – ${time.format(end)}`,
    dayLong: (date: string) => dayLong.format(localNoon(date)),
    dayShort: (date: string) => dayShort.format(localNoon(date)),
    dayRange: (from: string, to: string) =>
      `${dayRange.format(localNoon(from))} – ${dayRange.format(localNoon(to))}`,
  };
}

/** "30 min", "1 h 30 min" in the viewer's language. */
export function useFormatDuration(): (minutes: number) => string {
  const { t } = useI18n();
  return useMemo(
    () => (minutes: number) => {
      const hours = Math.floor(minutes / 60);
      const rest = minutes % 60;
      if (hours === 0) return t("web.duration.minutes", { minutes: rest });
      if (rest === 0) return t("web.duration.hours", { hours });
      return t("web.duration.hoursMinutes", { hours, minutes: rest });
    },
    [t],
  );
}

/** A language's own-locale name from its ISO 639-1 code ("fr" → "French" / "français"). */
export function useLanguageName(): (code: string) => string {
  const { locale } = useI18n();
  return useMemo(() => {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([locale], { type: "language" });
    } catch {
      names = undefined;
    }
    return (code: string) => names?.of(code) ?? code;
  }, [locale]);
}

/** "€20.00 – €60.00 · Free – 90,000 DT": a mentor's price range in each of their currencies. */
export function useFormatPriceRanges(): (
  ranges: { currency: string; minMinor: number; maxMinor: number }[],
) => string {
  const { locale, t } = useI18n();
  return useMemo(
    () => (ranges) =>
      ranges
        .map((range) =>
          formatMoneyRange(
            range.minMinor,
            range.maxMinor,
            range.currency,
            locale,
            t("web.money.free"),
          ),
        )
        .join(" · "),
    [locale, t],
  );
}
