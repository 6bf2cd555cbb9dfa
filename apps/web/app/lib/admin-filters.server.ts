import type { z } from "zod";
import { decimalStringToMinor } from "./money";

export type AdminFilterProblem = "amountNeedsCurrency" | "badAmount" | "badDate" | "badFilters";

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string): Date | null {
  if (!isoDay.test(day)) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The fields every admin history filters by, besides its own text fields. */
type CommonName = "status" | "currency" | "from" | "to" | "min" | "max";

/**
 * An admin history's query string (Payments, Payouts) as core's filters: the page's own text
 * fields pass through, dates are whole UTC days (`to` included), amounts are typed in major
 * units of the chosen currency (string math). Core's schema has the last word.
 */
export function parseAdminFilters<Name extends string, Filters>(
  params: URLSearchParams,
  options: {
    names: readonly (Name | CommonName)[];
    /** Fields copied as they are (`provider`, `user`, `method`, `mentor`…). */
    text: readonly Name[];
    schema: z.ZodType<Filters>;
  },
): {
  values: Record<Name | CommonName, string>;
  /** Empty when the schema refused them (the page then shows the problem, and everything). */
  filters: Partial<Filters>;
  problems: AdminFilterProblem[];
} {
  const values = Object.fromEntries(
    options.names.map((name) => [name, (params.get(name) ?? "").trim()]),
  ) as Record<Name | CommonName, string>;
  const problems: AdminFilterProblem[] = [];
  const raw: Record<string, unknown> = {};
  if (values.status) raw.status = values.status;
  for (const name of options.text) if (values[name]) raw[name] = values[name];
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
  const parsed = options.schema.safeParse(raw);
  if (!parsed.success) {
    problems.push("badFilters");
    return { values, filters: {}, problems };
  }
  return { values, filters: parsed.data, problems };
}

/** The filters as a query string (without a cursor): the CSV link and the first page keep them. */
export function adminFilterQuery(names: readonly string[], values: Record<string, string>): string {
  const query = new URLSearchParams();
  for (const name of names) if (values[name]) query.set(name, values[name]);
  return query.size > 0 ? `?${query}` : "";
}
