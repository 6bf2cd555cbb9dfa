import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { TWILIO_VIDEO_SPEC } from "./specs-dir.ts";

// ajv-formats is CommonJS: its default export arrives wrapped under Node's ESM loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;

interface SpecOperation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}

export interface TwilioVideoSpec {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, Json> };
}

export async function loadTwilioVideoSpec(specsDir: string): Promise<TwilioVideoSpec> {
  return JSON.parse(await readFile(path.join(specsDir, TWILIO_VIDEO_SPEC), "utf8"));
}

/** OpenAPI 3.0's `nullable` in JSON Schema terms, which Ajv understands. */
function withoutNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNullable);
  if (typeof node !== "object" || node === null) return node;
  const { nullable, ...rest } = node as Json;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, withoutNullable(value)]),
  );
  return nullable === true ? { anyOf: [converted, { type: "null" }] } : converted;
}

/** A parameter the request carried that the operation refuses, as Twilio would name it. */
export interface SpecRefusal {
  param: string;
  message: string;
}

export type BodyParams = Record<string, string | string[]>;

export interface OperationCheck {
  /** Form values coerced in place to the spec's types. */
  body: Record<string, unknown>;
  refusal: SpecRefusal | null;
}

/**
 * Compiles, once, validators for the Room operations the fake serves: the form body of each
 * operation (unknown parameters refused) and the room resource it answers with.
 */
export function createSpecValidator(spec: TwilioVideoSpec) {
  const ajv = new Ajv({ coerceTypes: "array", strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  // Twilio's own format names: the enum or the type already says what is allowed.
  ajv.addFormat("http-method", true);
  ajv.addFormat("uri-map", true);
  const components = withoutNullable(spec.components) as Json;

  const operation = (pathKey: string, method: string): SpecOperation => {
    const found = spec.paths[pathKey]?.[method];
    if (!found) throw new Error(`The spec has no ${method.toUpperCase()} ${pathKey}`);
    return found;
  };
  const compile = (schema: unknown): ValidateFunction =>
    ajv.compile({ ...(withoutNullable(schema) as Json), components });

  const bodyValidator = (op: SpecOperation) => {
    const schema = op.requestBody?.content["application/x-www-form-urlencoded"]?.schema ?? {
      type: "object",
      properties: {},
    };
    // The spec leaves additionalProperties open; a misspelt parameter must fail our tests.
    return { schema, validate: compile({ ...schema, additionalProperties: false }) };
  };

  const operations = {
    CreateRoom: operation("/v1/Rooms", "post"),
    FetchRoom: operation("/v1/Rooms/{Sid}", "get"),
    UpdateRoom: operation("/v1/Rooms/{Sid}", "post"),
  };
  const bodies = {
    CreateRoom: bodyValidator(operations.CreateRoom),
    UpdateRoom: bodyValidator(operations.UpdateRoom),
  };
  const responses = new Map<string, ValidateFunction>();

  return {
    operations,

    /** The form body's fields, arrays where the spec wants an array. */
    formBody(operationId: keyof typeof bodies, raw: string): BodyParams {
      const properties = (bodies[operationId].schema.properties ?? {}) as Record<string, Json>;
      const body: BodyParams = {};
      for (const [name, value] of new URLSearchParams(raw)) {
        const previous = body[name];
        if (properties[name]?.type === "array") {
          body[name] = [...(Array.isArray(previous) ? previous : []), value];
        } else {
          body[name] = previous === undefined ? value : [previous, value].flat();
        }
      }
      return body;
    },

    checkBody(operationId: keyof typeof bodies, body: BodyParams): OperationCheck {
      const coerced: Record<string, unknown> = structuredClone(body);
      const validate = bodies[operationId].validate;
      return { body: coerced, refusal: validate(coerced) ? null : refusalOf(validate.errors) };
    },

    /** Errors in the fake's own answer against the operation's response schema (a fake bug). */
    checkResponse(op: SpecOperation, status: number, payload: unknown): string[] {
      const schema = op.responses[String(status)]?.content?.["application/json"]?.schema;
      if (!schema) return [];
      const key = `${op.operationId} ${status}`;
      let validate = responses.get(key);
      if (!validate) {
        validate = compile(schema);
        responses.set(key, validate);
      }
      if (validate(structuredClone(payload))) return [];
      return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath} ${e.message}`);
    },
  };
}

export type SpecValidator = ReturnType<typeof createSpecValidator>;

// One problem per answer, like Twilio: the most telling first.
const RANK: Record<string, number> = { additionalProperties: 0, required: 1, enum: 2, type: 3 };

function refusalOf(errors: ErrorObject[] | null | undefined): SpecRefusal {
  const [error] = [...(errors ?? [])]
    .filter((e) => !["anyOf", "oneOf", "if"].includes(e.keyword))
    .sort((a, b) => (RANK[a.keyword] ?? 9) - (RANK[b.keyword] ?? 9));
  if (!error) return { param: "", message: "Invalid request" };
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath.split("/").filter(Boolean)[0] ?? "";
  if (error.keyword === "additionalProperties") {
    const param = String(params.additionalProperty);
    return { param, message: `Unknown parameter: ${param}` };
  }
  if (error.keyword === "required") {
    const param = String(params.missingProperty);
    return { param, message: `Missing required parameter ${param} in the post body` };
  }
  if (error.keyword === "enum") {
    const allowed = (params.allowedValues as unknown[]).join(", ");
    return { param: at, message: `Invalid ${at}: must be one of ${allowed}` };
  }
  return { param: at, message: `Invalid ${at}: ${error.message ?? error.keyword}` };
}
