/**
 * The scheduler's deep links (`/mentors/:id/:offering?duration=60&date=2026-12-08&tz=…`): one
 * place that builds them, for the server (redirects) and the page (links that work without JS).
 */
export interface SchedulerParams {
  duration?: number;
  /** A chosen day, "YYYY-MM-DD" in the chosen zone. */
  date?: string | null;
  /** A month shown without a chosen day, "YYYY-MM". */
  month?: string | null;
  /** Only when the visitor picked one: otherwise their cookie/profile zone applies. */
  tz?: string | null;
  /** A chosen time (ISO instant): the confirmation. */
  slot?: string | null;
}

export function schedulerPath(mentorId: string, offeringId: string): string {
  return `/mentors/${encodeURIComponent(mentorId)}/${encodeURIComponent(offeringId)}`;
}

export function schedulerHref(
  mentorId: string,
  offeringId: string,
  params: SchedulerParams = {},
): string {
  const search = new URLSearchParams();
  if (params.duration) search.set("duration", String(params.duration));
  if (params.date) search.set("date", params.date);
  else if (params.month) search.set("month", params.month);
  if (params.tz) search.set("tz", params.tz);
  if (params.slot) search.set("slot", params.slot);
  const query = search.toString();
  return `${schedulerPath(mentorId, offeringId)}${query ? `?${query}` : ""}`;
}

/** "YYYY-MM" → the months before and after. */
export function addMonths(month: string, count: number): string {
  const [year = 1970, index = 1] = month.split("-").map(Number);
  const date = new Date(Date.UTC(year, index - 1 + count, 1));
  return date.toISOString().slice(0, 7);
}

export function isMonth(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The local dates of a month's calendar grid: Monday-first weeks, null outside the month. */
export function monthGrid(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const start = new Date(`${first}T00:00:00Z`);
  const lead = (start.getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= days; day += 1) cells.push(`${month}-${String(day).padStart(2, "0")}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}
