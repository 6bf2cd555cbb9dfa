import {
  createTranslator,
  defaultLocale,
  type Locale,
  type MessageKey,
  type Translate,
} from "@mentora/i18n";
import { createContext, type ReactNode, useContext, useMemo } from "react";

interface I18nValue {
  locale: Locale;
  timeZone: string;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({
  locale: defaultLocale,
  timeZone: "UTC",
  t: createTranslator(defaultLocale),
});

/** Messages are plain objects bundled with the app: no loading, server and client agree. */
export function I18nProvider(props: { locale: Locale; timeZone: string; children: ReactNode }) {
  const { locale, timeZone, children } = props;
  const value = useMemo(
    () => ({ locale, timeZone, t: createTranslator(locale) }),
    [locale, timeZone],
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
