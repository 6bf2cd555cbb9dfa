import { type ActivityFilters, activityFilters } from "@mentora/core/contracts";

/**
 * A feed page's filters from its query string (a GET form: kind, from, to). Refused filters
 * show everything with a notice rather than an error page; core's schema has the last word.
 */
export function parseActivityParams(params: URLSearchParams): {
  filters: ActivityFilters;
  values: { kind: string; from: string; to: string };
  invalid: boolean;
  cursor: string | undefined;
} {
  const values = {
    kind: (params.get("kind") ?? "").trim(),
    from: (params.get("from") ?? "").trim(),
    to: (params.get("to") ?? "").trim(),
  };
  const parsed = activityFilters.safeParse(
    Object.fromEntries(Object.entries(values).filter(([, value]) => value !== "")),
  );
  return {
    filters: parsed.success ? parsed.data : {},
    values,
    invalid: !parsed.success,
    cursor: params.get("cursor") || undefined,
  };
}
