import { localDateOf } from "./local-date.ts";
import type { Slot, ViewerDay } from "./types.ts";

/** Slots bucketed by the calendar date of their start in the viewer's timezone, dates ascending. */
export function groupSlotsByViewerDay(slots: readonly Slot[], viewerTimezone: string): ViewerDay[] {
  const byDate = new Map<string, Slot[]>();
  const sorted = [...slots].sort((a, b) => a.startMs - b.startMs);
  for (const slot of sorted) {
    const date = localDateOf(slot.startMs, viewerTimezone);
    const day = byDate.get(date);
    if (day) day.push(slot);
    else byDate.set(date, [slot]);
  }
  return [...byDate].map(([date, daySlots]) => ({ date, slots: daySlots }));
}

// Building an Intl.DateTimeFormat is costly and a slot picker formats dozens at once. Bounded:
// the zone comes from the request, and Intl accepts any spelling of a zone's case
// ("europe/paris", "EUROPE/Paris", …), so distinct keys are not limited to the zone list.
const formatters = new Map<string, Intl.DateTimeFormat>();
const maxFormatters = 300;

/** How many formatters are kept (for the test that they stay bounded). */
export function slotTimeFormatterCount(): number {
  return formatters.size;
}

/** The slot's start time of day in the viewer's timezone, e.g. "09:00" (en-GB) or "9:00 AM" (en-US). */
export function formatSlotTime(slot: Slot, viewerTimezone: string, locale: string): string {
  const key = `${locale}\u0000${viewerTimezone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // timeStyle "short" follows each locale's clock: "09:00" (en-GB, fr-FR), "9:00 AM" (en-US).
    formatter = new Intl.DateTimeFormat(locale, { timeZone: viewerTimezone, timeStyle: "short" });
    if (formatters.size >= maxFormatters) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter.format(slot.start);
}
