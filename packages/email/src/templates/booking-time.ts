import type { Locale } from "@mentora/i18n";

function timeZoneName(instant: Date, locale: Locale, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "long" }).formatToParts(
    instant,
  );
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

/**
 * "Thursday, March 5, 2026, 2:00 – 3:00 PM (Central European Standard Time)": the recipient's
 * own timezone and language. The zone is named from the start (formatRange alone would only
 * say "GMT+1").
 */
export function formatBookingTime(
  range: { startsAt: Date; endsAt: Date },
  options: { locale: Locale; timeZone: string },
): string {
  const { locale, timeZone } = options;
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
  const when = format.formatRange(range.startsAt, range.endsAt);
  return `${when} (${timeZoneName(range.startsAt, locale, timeZone)})`;
}
