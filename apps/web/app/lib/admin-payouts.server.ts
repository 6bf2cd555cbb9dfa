import { type AdminPayoutFilters, adminPayoutFilters } from "@mentora/core/payouts";
import {
  type AdminFilterProblem,
  adminFilterQuery,
  parseAdminFilters,
} from "./admin-filters.server";

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
export type PayoutFilterProblem = AdminFilterProblem;

/** The query string of Admin → Payouts as core's filters (see parseAdminFilters). */
export function parsePayoutFilters(params: URLSearchParams): {
  values: PayoutFilterValues;
  filters: AdminPayoutFilters;
  problems: PayoutFilterProblem[];
} {
  return parseAdminFilters(params, {
    names: payoutFilterNames,
    text: ["method", "mentor"],
    schema: adminPayoutFilters,
  });
}

export function payoutFilterQuery(values: PayoutFilterValues): string {
  return adminFilterQuery(payoutFilterNames, values);
}
