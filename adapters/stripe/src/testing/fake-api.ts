import type { ObjectFactory } from "./fake-objects.ts";
import type { FakeState } from "./fake-state.ts";
import type { Params } from "./spec-validator.ts";

export interface FakeResponse {
  status: number;
  body: unknown;
  /** A refusal of the parameters themselves: Stripe saves no idempotent result for it. */
  unsaved?: boolean;
}

export interface FakeRequest {
  /** Validated and coerced to the spec's types. */
  query: Params;
  body: Params;
  pathParams: Record<string, string>;
}

export interface FakeContext {
  state: FakeState;
  objects: ObjectFactory;
  /** Queues a webhook event about `object` (delivered when the harness drains). */
  emit(type: string, object: Parameters<ObjectFactory["event"]>[1], previous?: Params): void;
}

export type FakeHandler = (request: FakeRequest, context: FakeContext) => FakeResponse;

export interface StripeErrorBody {
  type: "invalid_request_error" | "card_error" | "api_error" | "idempotency_error";
  message: string;
  param?: string;
  code?: string;
  decline_code?: string;
}

export function stripeError(status: number, error: StripeErrorBody): FakeResponse {
  return { status, body: { error } };
}

/** Marks a parameter rule's refusal (checked before the endpoint starts executing). */
export const beforeExecution = (response: FakeResponse | null): FakeResponse | null =>
  response && { ...response, unsaved: true };

export const ok = (body: unknown): FakeResponse => ({ status: 200, body });

export function noSuch(kind: string, id: string, param: string): FakeResponse {
  return stripeError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

export function missingParam(param: string): FakeResponse {
  return stripeError(400, {
    type: "invalid_request_error",
    code: "parameter_missing",
    message: `Missing required param: ${param}.`,
    param,
  });
}

export function invalidParam(param: string, message: string, code?: string): FakeResponse {
  return stripeError(400, {
    type: "invalid_request_error",
    message,
    param,
    ...(code ? { code } : {}),
  });
}

/** A subset of Stripe's presentment currencies: enough to refuse TND as Stripe does. */
const STRIPE_CURRENCIES = new Set(
  "usd eur gbp chf cad jpy mad aud nzd sek nok dkk pln czk huf ron bgn sgd hkd mxn brl".split(" "),
);
const ZERO_DECIMAL = new Set(["jpy", "krw", "vnd", "clp", "xof", "xaf"]);

export function unsupportedCurrency(currency: string, param: string): FakeResponse | null {
  if (STRIPE_CURRENCIES.has(currency)) return null;
  return invalidParam(
    param,
    `Invalid currency: ${currency}. Stripe currently supports these currencies: ${[...STRIPE_CURRENCIES].join(", ")}`,
  );
}

export function formatAmount(amount: number, currency: string): string {
  const major = ZERO_DECIMAL.has(currency) ? String(amount) : (amount / 100).toFixed(2);
  return `${currency.toUpperCase()} ${major}`;
}

export const asString = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

export const asMetadata = (value: unknown): Record<string, string> =>
  typeof value === "object" && value !== null ? (value as Record<string, string>) : {};

export function limitOf(query: Params): number {
  const limit = query.limit;
  return typeof limit === "number" && limit > 0 ? Math.min(limit, 100) : 10;
}
