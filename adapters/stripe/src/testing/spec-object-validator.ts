import { Ajv, type ValidateFunction } from "ajv";
import { responseSchema } from "./spec-schemas.ts";
import type { StripeSpec } from "./stripe-spec.ts";

const COMPONENTS_ID = "stripe-components";

/**
 * Checks what the fake sends (never coerced: a number where the spec says string is a bug).
 * The components are registered on first use: compiling an object's graph takes ~2 s.
 */
export function createObjectValidator(spec: StripeSpec) {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addFormat("unix-time", { type: "number", validate: () => true });
  ajv.addFormat("decimal", /^-?\d+(\.\d+)?$/);
  const compiled = new Map<string, ValidateFunction>();
  let componentsAdded = false;

  function validatorOf(key: string, schema: Record<string, unknown>): ValidateFunction {
    if (!componentsAdded) {
      const components = responseSchema({ components: spec.document.components }, COMPONENTS_ID);
      ajv.addSchema({ $id: COMPONENTS_ID, ...components });
      componentsAdded = true;
    }
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(responseSchema(schema, COMPONENTS_ID));
      compiled.set(key, validate);
    }
    return validate;
  }

  return {
    compile: validatorOf,
    check(key: string, schema: Record<string, unknown>, payload: unknown): string[] {
      const validate = validatorOf(key, schema);
      if (validate(payload)) return [];
      return (validate.errors ?? []).map(
        (e) => `${key}: ${e.instancePath || "/"} ${e.message ?? e.keyword}`,
      );
    },
  };
}
