import type { FakeObject } from "./fake-state.ts";

type Find = (id: string) => FakeObject | undefined;

/**
 * Stripe's `expand[]`: replaces id fields by the objects they name, following dotted paths
 * ("payment_intent.latest_charge"); on lists the paths start with "data.".
 */
export function expandFields(body: unknown, paths: readonly string[], find: Find): unknown {
  let result = body;
  for (const path of paths) result = expandPath(result, path.split("."), find);
  return result;
}

function expandPath(node: unknown, keys: readonly string[], find: Find): unknown {
  const [key, ...rest] = keys;
  if (key === undefined || typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) return node.map((item) => expandPath(item, keys, find));
  const record = { ...(node as Record<string, unknown>) };
  let value = record[key];
  if (typeof value === "string") value = structuredClone(find(value)) ?? value;
  record[key] = rest.length > 0 ? expandPath(value, rest, find) : value;
  return record;
}

/** The `expand` parameter of a request (query on GET, body on POST). */
export function expandParam(params: Record<string, unknown>): string[] {
  const expand = params.expand;
  return Array.isArray(expand) ? expand.filter((p): p is string => typeof p === "string") : [];
}
