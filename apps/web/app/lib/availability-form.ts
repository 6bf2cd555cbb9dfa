import { timeToMinutes } from "./time";

/** `rule-<weekday>-<n>-start|end` pairs → weekly rules; an end of 00:00 is midnight. */
export function rulesFromForm(form: FormData) {
  const pairs = new Map<string, { weekday: number; start?: string; end?: string }>();
  for (const [name, value] of form) {
    const match = /^rule-([1-7])-(\d+)-(start|end)$/.exec(name);
    if (!match || typeof value !== "string") continue;
    const key = `${match[1]}-${match[2]}`;
    const pair = pairs.get(key) ?? { weekday: Number(match[1]) };
    pair[match[3] as "start" | "end"] = value;
    pairs.set(key, pair);
  }
  const rules: { weekday: number; startMinute: number; endMinute: number }[] = [];
  for (const pair of pairs.values()) {
    const startMinute = timeToMinutes(pair.start ?? "");
    let endMinute = timeToMinutes(pair.end ?? "");
    if (startMinute === null || endMinute === null) return null;
    if (endMinute === 0) endMinute = 1440;
    if (endMinute <= startMinute) return null;
    rules.push({ weekday: pair.weekday, startMinute, endMinute });
  }
  return rules.sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
}
