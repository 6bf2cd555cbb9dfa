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

/** One zone's option, without building the whole list (an alias not in the list works too). */
export function zoneOption(zone: string, now = new Date()): ZoneOption {
  return { zone, ...offsetOf(zone, now) };
}

/** "Europe/Paris" → "Europe/Paris (UTC+01:00)", the label the picker shows. */
export function zoneLabel(option: ZoneOption): string {
  return `${option.zone.replaceAll("_", " ")} (${option.offset})`;
}
