import { type AdminPaymentFilters, adminPaymentFilters } from "@mentora/core/payments";
import {
  type AdminFilterProblem,
  adminFilterQuery,
  parseAdminFilters,
} from "./admin-filters.server";

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
export type PaymentFilterProblem = AdminFilterProblem;

/** The query string of Admin → Payments as core's filters (see parseAdminFilters). */
export function parsePaymentFilters(params: URLSearchParams): {
  values: PaymentFilterValues;
  filters: AdminPaymentFilters;
  problems: PaymentFilterProblem[];
} {
  return parseAdminFilters(params, {
    names: paymentFilterNames,
    text: ["provider", "user"],
    schema: adminPaymentFilters,
  });
}

/** The filters as a query string (without a cursor): the CSV link and the first page keep them. */
export function filterQuery(values: PaymentFilterValues): string {
  return adminFilterQuery(paymentFilterNames, values);
}
