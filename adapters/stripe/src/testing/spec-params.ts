import type { ErrorObject } from "ajv";
import { requestSchema } from "./spec-schemas.ts";
import type { SpecParameter } from "./stripe-spec.ts";

export type Params = Record<string, unknown>;

/** What Stripe answers for a request it refuses: 400 invalid_request_error. */
export interface InvalidRequest {
  message: string;
  param?: string;
}

/** The path or query parameters of an operation as one closed object schema. */
export function parametersSchema(params: readonly SpecParameter[], location: "path" | "query") {
  const own = params.filter((p) => p.in === location);
  return {
    type: "object",
    properties: Object.fromEntries(own.map((p) => [p.name, requestSchema(p.schema)])),
    required: own.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}

export function isParams(value: unknown): value is Params {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Coerced scalars from `checked` over the raw strings of `raw` (which still has the extras). */
export function mergeParams(raw: unknown, checked: unknown): unknown {
  if (Array.isArray(raw) && Array.isArray(checked)) {
    return raw.map((item, index) => mergeParams(item, checked[index]));
  }
  if (isParams(raw) && isParams(checked)) {
    for (const key of Object.keys(raw)) {
      if (key in checked) raw[key] = mergeParams(raw[key], checked[key]);
    }
    return raw;
  }
  return checked === undefined ? raw : checked;
}

/** ["line_items", "0", "price_data"] → "line_items[0][price_data]", as Stripe names params. */
export function bracketPath(keys: readonly string[]): string {
  const [head = "", ...rest] = keys;
  return head + rest.map((k) => `[${k}]`).join("");
}

function pointerKeys(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
}

// Stripe names one problem per answer: prefer the most telling error, then the deepest.
const RANK: Record<string, number> = { additionalProperties: 0, required: 1, enum: 2, type: 3 };

/** Ajv's errors as Stripe's message and param ("Received unknown parameter: a[b]"). */
export function invalidRequestOf(errors: ErrorObject[] | null | undefined): InvalidRequest {
  const candidates = (errors ?? []).filter((e) => !["anyOf", "oneOf", "if"].includes(e.keyword));
  const [error] = candidates.sort(
    (a, b) =>
      (RANK[a.keyword] ?? 9) - (RANK[b.keyword] ?? 9) ||
      b.instancePath.length - a.instancePath.length,
  );
  if (!error) return { message: "Invalid request" };
  const keys = pointerKeys(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") {
    const param = bracketPath([...keys, String(params.additionalProperty)]);
    return { message: `Received unknown parameter: ${param}`, param };
  }
  if (error.keyword === "required") {
    const param = bracketPath([...keys, String(params.missingProperty)]);
    return { message: `Missing required param: ${param}.`, param };
  }
  const param = bracketPath(keys);
  if (error.keyword === "enum") {
    const allowed = (params.allowedValues as unknown[]).join(", ");
    return { message: `Invalid ${param}: must be one of ${allowed}`, param };
  }
  return { message: `Invalid ${param}: ${error.message ?? error.keyword}`, param };
}
