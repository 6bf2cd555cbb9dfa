import { type AdminPayoutFilters, adminPayoutFilters } from "@mentora/core/payouts";
import { decimalStringToMinor } from "./money";

/** The filter fields of Admin → Payouts' history, as they appear in its URL (shared with the CSV). */
export const payoutFilterNames = [
  "status",
  "method",
  "mentor",
  "currency",
  "from",
  "to",
  "min",
  "max",
] as const;
export type PayoutFilterName = (typeof payoutFilterNames)[number];
export type PayoutFilterValues = Record<PayoutFilterName, string>;
export type PayoutFilterProblem = "amountNeedsCurrency" | "badAmount" | "badDate" | "badFilters";

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): Date | null {
  if (!isoDay.test(day)) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Dates are whole UTC days (`to` included); amounts in major units of the chosen currency. */
export function parsePayoutFilters(params: URLSearchParams): {
  values: PayoutFilterValues;
  filters: AdminPayoutFilters;
  problems: PayoutFilterProblem[];
} {
  const values = Object.fromEntries(
    payoutFilterNames.map((name) => [name, (params.get(name) ?? "").trim()]),
  ) as PayoutFilterValues;
  const problems: PayoutFilterProblem[] = [];
  const raw: Record<string, unknown> = {};
  if (values.status) raw.status = values.status;
  if (values.method) raw.method = values.method;
  if (values.mentor) raw.mentor = values.mentor;
  const currency = values.currency.toUpperCase();
  if (currency) raw.currency = currency;
  if (values.from) {
    const from = dayStart(values.from);
    if (from) raw.from = from;
    else problems.push("badDate");
  }
  if (values.to) {
    const to = dayStart(values.to);
    if (to) raw.to = new Date(to.getTime() + 24 * 60 * 60 * 1000);
    else if (!problems.includes("badDate")) problems.push("badDate");
  }
  if (values.min || values.max) {
    if (!/^[A-Z]{3}$/.test(currency)) problems.push("amountNeedsCurrency");
    else {
      const min = values.min ? decimalStringToMinor(values.min, currency) : undefined;
      const max = values.max ? decimalStringToMinor(values.max, currency) : undefined;
      if (min === null || max === null) problems.push("badAmount");
      else {
        if (min !== undefined) raw.minAmountMinor = min;
        if (max !== undefined) raw.maxAmountMinor = max;
      }
    }
  }
  const parsed = adminPayoutFilters.safeParse(raw);
  if (!parsed.success) {
    problems.push("badFilters");
    return { values, filters: {}, problems };
  }
  return { values, filters: parsed.data, problems };
}

export function payoutFilterQuery(values: PayoutFilterValues): string {
  const query = new URLSearchParams();
  for (const name of payoutFilterNames) if (values[name]) query.set(name, values[name]);
  return query.size > 0 ? `?${query}` : "";
}
