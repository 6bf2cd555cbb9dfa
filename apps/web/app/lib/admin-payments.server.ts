import { type AdminPaymentFilters, adminPaymentFilters } from "@mentora/core/payments";
import { decimalStringToMinor } from "./money";

/** The filter fields of Admin → Payments, as they appear in its URL (shared with the CSV). */
export const paymentFilterNames = [
  "status",
  "provider",
  "currency",
  "from",
  "to",
  "user",
  "min",
  "max",
] as const;
export type PaymentFilterName = (typeof paymentFilterNames)[number];
export type PaymentFilterValues = Record<PaymentFilterName, string>;

export type PaymentFilterProblem = "amountNeedsCurrency" | "badAmount" | "badDate" | "badFilters";

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): Date | null {
  if (!isoDay.test(day)) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The query string of Admin → Payments as core's filters: dates are whole UTC days (`to`
 * included), amounts are typed in major units of the chosen currency (string math).
 */
export function parsePaymentFilters(params: URLSearchParams): {
  values: PaymentFilterValues;
  filters: AdminPaymentFilters;
  problems: PaymentFilterProblem[];
} {
  const values = Object.fromEntries(
    paymentFilterNames.map((name) => [name, (params.get(name) ?? "").trim()]),
  ) as PaymentFilterValues;
  const problems: PaymentFilterProblem[] = [];
  const raw: Record<string, unknown> = {};
  if (values.status) raw.status = values.status;
  if (values.provider) raw.provider = values.provider;
  if (values.user) raw.user = values.user;
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
  const parsed = adminPaymentFilters.safeParse(raw);
  if (!parsed.success) {
    problems.push("badFilters");
    return { values, filters: {}, problems };
  }
  return { values, filters: parsed.data, problems };
}

/** The filters as a query string (without a cursor): the CSV link and the first page keep them. */
export function filterQuery(values: PaymentFilterValues): string {
  const query = new URLSearchParams();
  for (const name of paymentFilterNames) if (values[name]) query.set(name, values[name]);
  return query.size > 0 ? `?${query}` : "";
}
