import { Ajv, type ValidateFunction } from "ajv";
import { type AllowlistedParameter, parametersNewerThanSpec } from "./spec-allowlist.ts";
import { createObjectValidator } from "./spec-object-validator.ts";
import type { MatchedOperation } from "./spec-operations.ts";
import {
  bracketPath,
  type InvalidRequest,
  invalidRequestOf,
  isParams,
  mergeParams,
  type Params,
  parametersSchema,
} from "./spec-params.ts";
import { requestSchema } from "./spec-schemas.ts";
import type { SpecOperation, StripeSpec } from "./stripe-spec.ts";

export type { InvalidRequest, Params } from "./spec-params.ts";

export type RequestCheck =
  | { ok: true; query: Params; body: Params; pathParams: Record<string, string> }
  | { ok: false; error: InvalidRequest };

interface OperationValidators {
  path: ValidateFunction;
  query: ValidateFunction;
  body: ValidateFunction | null;
}

/**
 * Validates requests (and, as a self-check, the fake's own responses) against the Stripe spec.
 * Form bodies arrive as strings: Ajv coerces them to the spec's types, in place, so handlers read
 * typed values afterwards.
 */
export function createSpecValidator(
  spec: StripeSpec,
  allowlist: readonly AllowlistedParameter[] = parametersNewerThanSpec,
) {
  const ajv = new Ajv({ coerceTypes: true, strict: false, allErrors: true, logger: false });
  ajv.addFormat("unix-time", { type: "number", validate: () => true });
  ajv.addFormat("decimal", /^-?\d+(\.\d+)?$/);
  ajv.addFormat("binary", true);
  const validators = new Map<string, OperationValidators>();
  const allowedValidators = new Map<AllowlistedParameter, ValidateFunction>();
  const objects = createObjectValidator(spec);

  function validatorsOf(operation: SpecOperation): OperationValidators {
    let found = validators.get(operation.operationId);
    if (!found) {
      const params = operation.parameters ?? [];
      const bodySchema =
        operation.requestBody?.content?.["application/x-www-form-urlencoded"]?.schema;
      found = {
        path: ajv.compile(parametersSchema(params, "path")),
        query: ajv.compile(parametersSchema(params, "query")),
        body: bodySchema ? ajv.compile(requestSchema(bodySchema)) : null,
      };
      validators.set(operation.operationId, found);
    }
    return found;
  }

  function takeAllowlisted(operationId: string, body: Params): InvalidRequest | null {
    for (const entry of allowlist) {
      if (entry.operationId !== operationId) continue;
      const parent = entry.param
        .slice(0, -1)
        .reduce<unknown>((node, key) => (isParams(node) ? node[key] : undefined), body);
      const key = entry.param.at(-1);
      if (!key || !isParams(parent) || !(key in parent)) continue;
      let validate = allowedValidators.get(entry);
      if (!validate) {
        validate = ajv.compile(entry.schema);
        allowedValidators.set(entry, validate);
      }
      if (!validate(parent[key])) {
        return { message: `Invalid ${bracketPath(entry.param)}`, param: bracketPath(entry.param) };
      }
      delete parent[key];
    }
    return null;
  }

  return {
    /**
     * Compiles ahead of the first request what these operations and objects need (~2 s), so no
     * request waits on a compile longer than the client's timeout.
     */
    warmUp(operations: readonly SpecOperation[], components: readonly string[]) {
      for (const operation of operations) {
        validatorsOf(operation);
        const schema = operation.responses["200"]?.content?.["application/json"]?.schema;
        if (schema) objects.compile(`${operation.operationId} 200`, schema);
      }
      for (const name of components) {
        objects.compile(name, { $ref: `#/components/schemas/${name}` });
      }
    },

    checkRequest(match: MatchedOperation, query: Params, body: Params): RequestCheck {
      const v = validatorsOf(match.operation);
      const pathParams = { ...match.pathParams };
      if (!v.path(pathParams)) return { ok: false, error: invalidRequestOf(v.path.errors) };
      if (!v.query(query)) return { ok: false, error: invalidRequestOf(v.query.errors) };
      if (!v.body) {
        if (Object.keys(body).length > 0) {
          const [first] = Object.keys(body);
          return {
            ok: false,
            error: { message: `Received unknown parameter: ${first}`, param: first },
          };
        }
        return { ok: true, query, body, pathParams };
      }
      const checked = structuredClone(body);
      const refused = takeAllowlisted(match.operation.operationId, checked);
      if (refused) return { ok: false, error: refused };
      if (!v.body(checked)) return { ok: false, error: invalidRequestOf(v.body.errors) };
      // Hand the handler the coerced values, with any allowlisted parameters put back.
      return {
        ok: true,
        query,
        body: mergeParams(structuredClone(body), checked) as Params,
        pathParams,
      };
    },

    /** Errors in the fake's own answer against the operation's response schema (a fake bug). */
    checkResponse(operation: SpecOperation, status: number, payload: unknown): string[] {
      const own = operation.responses[String(status)];
      // Errors share the spec's `default` response (the `error` component).
      const key = own ? `${operation.operationId} ${status}` : "error";
      const schema = (own ?? operation.responses.default)?.content?.["application/json"]?.schema;
      return schema ? objects.check(key, schema, payload) : [];
    },

    /** Errors in an object the fake built (a webhook's `data.object`) against its component. */
    checkObject(component: string, payload: unknown): string[] {
      return objects.check(component, { $ref: `#/components/schemas/${component}` }, payload);
    },
  };
}

export type SpecValidator = ReturnType<typeof createSpecValidator>;
