import qs from "qs";
import type { FakeContext, FakeResponse } from "./fake-api.ts";
import { stripeError } from "./fake-api.ts";
import { expandFields, expandParam } from "./fake-expand.ts";
import { fakeHandlers } from "./fake-handlers.ts";
import { findObject } from "./fake-state.ts";
import { createOperationIndex, type OperationIndex } from "./spec-operations.ts";
import { createSpecValidator, type SpecValidator } from "./spec-validator.ts";
import type { StripeSpec } from "./stripe-spec.ts";

/** One request as the fake saw it, for assertions (e.g. the same idempotency key twice). */
export interface RecordedRequest {
  method: string;
  path: string;
  operationId: string | null;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
  outcome: "answered" | "lost" | "reset";
}

// The spec, its routes and its compiled validators are built once per test file.
const tooling = new WeakMap<StripeSpec, { index: OperationIndex; validator: SpecValidator }>();

export function toolingOf(spec: StripeSpec) {
  let found = tooling.get(spec);
  if (!found) {
    const index = createOperationIndex(spec);
    const validator = createSpecValidator(spec);
    validator.warmUp(
      Object.keys(fakeHandlers).flatMap((id) => index.byOperationId(id) ?? []),
      ["checkout.session", "payment_intent", "charge", "refund", "transfer", "account"],
    );
    found = { index, validator };
    tooling.set(spec, found);
  }
  return found;
}

const QS_OPTIONS = { depth: 20, arrayLimit: 200, parameterLimit: 5000 };

/**
 * What Stripe does with one request: route it to its spec operation, replay or refuse a reused
 * Idempotency-Key, validate, run the handler, expand, and save the idempotent result.
 */
export function createRequestPipeline(deps: {
  index: OperationIndex;
  validator: SpecValidator;
  context: FakeContext;
  specViolations: string[];
}) {
  const { index, validator, context, specViolations } = deps;
  const idempotent = new Map<string, { fingerprint: string; status: number; json: string }>();

  return function processRequest(
    method: string,
    url: URL,
    rawBody: string,
    idempotencyKey: string | null,
    record: RecordedRequest,
  ): FakeResponse {
    const match = index.match(method, url.pathname);
    if (!match) {
      return stripeError(404, {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${method}: ${url.pathname}).`,
      });
    }
    record.operationId = match.operation.operationId;
    const body = method === "POST" ? qs.parse(rawBody, QS_OPTIONS) : {};
    const query = qs.parse(url.search.slice(1), QS_OPTIONS);
    const fingerprint = `${method} ${url.pathname} ${canonicalJson(body)}`;
    const previous = idempotencyKey ? idempotent.get(idempotencyKey) : undefined;
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        return stripeError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        });
      }
      record.replayed = true;
      return { status: previous.status, body: JSON.parse(previous.json) };
    }
    const checked = validator.checkRequest(match, query, body);
    // Stripe saves no idempotent result for a request that failed validation.
    if (!checked.ok) return stripeError(400, { type: "invalid_request_error", ...checked.error });
    const handler = fakeHandlers[match.operation.operationId];
    const handled: FakeResponse = handler
      ? handler(checked, context)
      : stripeError(501, {
          type: "api_error",
          message: `The fake does not implement ${match.operation.operationId}.`,
        });
    const expand = expandParam(method === "POST" ? checked.body : checked.query);
    const response: FakeResponse =
      handled.status === 200
        ? {
            status: 200,
            body: expandFields(structuredClone(handled.body), expand, (id) =>
              findObject(context.state, id),
            ),
          }
        : { status: handled.status, body: handled.body };
    specViolations.push(
      ...validator.checkResponse(match.operation, response.status, response.body),
    );
    if (idempotencyKey && handler && !handled.unsaved) {
      idempotent.set(idempotencyKey, {
        fingerprint,
        status: response.status,
        json: JSON.stringify(response.body),
      });
    }
    return response;
  };
}

/** The same parameters in any order are the same request (for idempotency). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
