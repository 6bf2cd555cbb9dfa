/** IANA zones with their current UTC offset, for the time-zone picker (Intl only, no data file). */
export interface ZoneOption {
  zone: string;
  /** "UTC+01:00" */
  offset: string;
  /** Minutes east of UTC, to sort by. */
  minutes: number;
}

function offsetOf(zone: string, at: Date): { offset: string; minutes: number } {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return { offset: "UTC+00:00", minutes: 0 };
  const sign = match[1] === "-" ? -1 : 1;
  return {
    offset: `UTC${match[1]}${match[2]}:${match[3]}`,
    minutes: sign * (Number(match[2]) * 60 + Number(match[3])),
  };
}

let cached: { hour: number; options: ZoneOption[] } | null = null;

/**
 * Every zone this runtime knows, by offset then name. Offsets move with daylight saving, so the
 * list is rebuilt at most once an hour (400+ formatters are too many for every request).
 */
export function zoneOptions(now = new Date()): ZoneOption[] {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (cached?.hour === hour) return cached.options;
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  const options = [...zones]
    .map((zone) => ({ zone, ...offsetOf(zone, now) }))
    .sort((a, b) => a.minutes - b.minutes || a.zone.localeCompare(b.zone));
  cached = { hour, options };
  return options;
}

const single = new Map<string, ZoneOption>();

/**
 * One zone's option, without building the whole list (an alias not in the list works too);
 * remembered for the hour (a page asks for the same zone several times per render).
 */
export function zoneOption(zone: string, now = new Date()): ZoneOption {
  const key = `${Math.floor(now.getTime() / 3_600_000)}|${zone}`;
  let option = single.get(key);
  if (!option) {
    if (single.size >= 500) single.clear();
    option = { zone, ...offsetOf(zone, now) };
    single.set(key, option);
  }
  return option;
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);

let optionsHtml: { hour: number; html: string; optionOf: Map<string, string> } | null = null;

/** One zone's `<option>`: its name (underscores as spaces), the value only where that differs. */
function optionHtml(zone: string, selected = false): string {
  const value = escapeHtml(zone);
  const text = escapeHtml(zone.replaceAll("_", " "));
  const mark = selected ? ' selected=""' : "";
  return text === value
    ? `<option${mark}>${text}</option>`
    : `<option value="${value}"${mark}>${text}</option>`;
}

/**
 * The no-JavaScript picker's `<option>`s as HTML, `current` selected: built once an hour, not
 * 400 React elements per page (the `<noscript>` they sit in is never hydrated). Grouped by UTC
 * offset (`<optgroup label="UTC+01:00">`), the offset written once per group rather than in
 * every label, and an option's text is its value when the name has no underscore: the list
 * was 29 KB of the scheduler's 103 KB page (decision 065).
 */
export function zoneOptionsHtml(current: string, now = new Date()): string {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (optionsHtml?.hour !== hour) {
    const optionOf = new Map<string, string>();
    const groups = new Map<string, string[]>();
    for (const option of zoneOptions(now)) {
      const html = optionHtml(option.zone);
      optionOf.set(option.zone, html);
      const group = groups.get(option.offset) ?? [];
      group.push(html);
      groups.set(option.offset, group);
    }
    const html = [...groups]
      .map(([offset, options]) => `<optgroup label="${offset}">${options.join("")}</optgroup>`)
      .join("");
    optionsHtml = { hour, html, optionOf };
  }
  const known = optionsHtml.optionOf.get(current);
  if (known) return optionsHtml.html.replace(known, optionHtml(current, true));
  // A zone the list does not name (an alias): first, in a group of its own offset.
  const offset = zoneOption(current, now).offset;
  return `<optgroup label="${offset}">${optionHtml(current, true)}</optgroup>${optionsHtml.html}`;
}

/** "Europe/Paris" → "Europe/Paris (UTC+01:00)", the label the picker shows. */
export function zoneLabel(option: ZoneOption): string {
  return `${option.zone.replaceAll("_", " ")} (${option.offset})`;
}
