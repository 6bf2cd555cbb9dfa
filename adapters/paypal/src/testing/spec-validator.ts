import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: its default export arrives wrapped under Node's ESM loader.
const addFormats = ((addFormatsModule as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

/** The PayPal specs the fake serves, by the id we give each document. */
const specFiles = {
  orders: "checkout_orders_v2.json",
  payments: "payments_payment_v2.json",
  payouts: "payments_payouts_batch_v1.json",
  webhooks: "notifications_webhooks_v1.json",
} as const;

/** PayPal's custom formats, stubbed with the gist of what they mean. */
const paypalFormats: Record<string, RegExp | true> = {
  ppaas_common_currency_code_v2: /^[A-Z]{3}$/,
  ppaas_common_country_code_v2: /^([A-Z]{2}|C2)$/,
  ppaas_common_email_address_v2: /^[^@\s]+@[^@\s]+$/,
  merchant_common_email_address_v2: /^[^@\s]+@[^@\s]+$/,
  ppaas_common_language_v3: /^[a-z]{2}(-[A-Za-z0-9]{2,8})*$/,
  ppaas_date_time_v3: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  ppaas_date_notime_v2: /^\d{4}-\d{2}-\d{2}$/,
  ppaas_payer_id_v3: /^[2-9A-HJ-NP-Z]{13}$/,
  ppaas_ip_address_v1: true,
  payer_v1: true,
};

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: object;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  parameters: OpenApiParameter[];
  /** Path parameters of a matched request. */
  pathParams: Record<string, string>;
}

/** One PayPal-style error detail: `{ field, location, issue, description }`. */
export interface SpecIssue {
  field: string;
  location: "body" | "path" | "query" | "header";
  issue: string;
  description: string;
  value?: string;
}

interface OperationEntry {
  specId: keyof typeof specFiles;
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  parameters: OpenApiParameter[];
  bodyPointer?: string;
  bodyRequired: boolean;
}

type OpenApiDoc = {
  paths: Record<string, Record<string, unknown>>;
  components?: { parameters?: Record<string, OpenApiParameter> };
};

const pointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

function resolveParameter(doc: OpenApiDoc, parameter: unknown): OpenApiParameter {
  const ref = (parameter as { $ref?: string }).$ref;
  if (!ref) return parameter as OpenApiParameter;
  const name = ref.replace("#/components/parameters/", "");
  const resolved = doc.components?.parameters?.[name];
  if (!resolved) throw new Error(`Unresolved parameter ${ref}`);
  return resolved;
}

function operationsOf(specId: keyof typeof specFiles, doc: OpenApiDoc): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const [method, raw] of Object.entries(item)) {
      if (method === "parameters") continue;
      const op = raw as {
        operationId: string;
        parameters?: unknown[];
        requestBody?: { required?: boolean; content?: Record<string, unknown> };
      };
      const names: string[] = [];
      const source = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      });
      const hasJsonBody = Boolean(op.requestBody?.content?.["application/json"]);
      entries.push({
        specId,
        operationId: op.operationId,
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}$`),
        names,
        parameters: [...shared, ...(op.parameters ?? [])].map((p) => resolveParameter(doc, p)),
        bodyPointer: hasJsonBody
          ? `paypal:${specId}#/paths/${pointer(template)}/${method}/requestBody/content/application~1json/schema`
          : undefined,
        bodyRequired: Boolean(op.requestBody?.required),
      });
    }
  }
  return entries;
}

function issueOf(error: ErrorObject): SpecIssue {
  const missing = error.keyword === "required" ? `/${error.params.missingProperty}` : "";
  const syntax = ["pattern", "format", "maxLength", "minLength"].includes(error.keyword);
  return {
    field: `${error.instancePath}${missing}` || "/",
    location: "body",
    issue: missing
      ? "MISSING_REQUIRED_PARAMETER"
      : syntax
        ? "INVALID_PARAMETER_SYNTAX"
        : "INVALID_PARAMETER_VALUE",
    description: `${error.instancePath || "body"} ${error.message ?? "is invalid"}`,
  };
}

/** Every PayPal operation of the four specs, with Ajv validators for bodies and parameters. */
export class PayPalSpecValidator {
  readonly #operations: OperationEntry[];
  readonly #bodyAjv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  readonly #paramAjv = new Ajv({ strict: false, unicodeRegExp: false, coerceTypes: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(specsDir: string) {
    for (const ajv of [this.#bodyAjv, this.#paramAjv]) {
      addFormats(ajv);
      for (const [name, check] of Object.entries(paypalFormats)) ajv.addFormat(name, check);
    }
    this.#operations = Object.entries(specFiles).flatMap(([id, file]) => {
      const doc = JSON.parse(readFileSync(path.join(specsDir, "paypal", file), "utf8"));
      this.#bodyAjv.addSchema({ ...doc, $id: `paypal:${id}` });
      return operationsOf(id as keyof typeof specFiles, doc);
    });
    // Literal segments win over templated ones (".../payouts-item/x" is not ".../payouts/{id}").
    this.#operations.sort((a, b) => a.names.length - b.names.length);
  }

  find(method: string, pathname: string): SpecOperation | undefined {
    for (const entry of this.#operations) {
      if (entry.method !== method) continue;
      const match = entry.pattern.exec(pathname);
      if (!match) continue;
      const pathParams = Object.fromEntries(
        entry.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? "")]),
      );
      const { operationId, template, parameters } = entry;
      return { operationId, method, template, parameters, pathParams };
    }
    return undefined;
  }

  #validator(key: string, schema: object, ajv: Ajv): ValidateFunction {
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      this.#compiled.set(key, validate);
    }
    return validate;
  }

  /** Parameters (path, query, headers) against the operation's declared schemas. */
  validateParameters(
    operation: SpecOperation,
    query: URLSearchParams,
    headers: Record<string, string | undefined>,
  ): SpecIssue[] {
    const issues: SpecIssue[] = [];
    for (const parameter of operation.parameters) {
      if (parameter.in === "cookie") continue;
      const location = parameter.in;
      const value =
        location === "path"
          ? operation.pathParams[parameter.name]
          : location === "query"
            ? (query.get(parameter.name) ?? undefined)
            : headers[parameter.name.toLowerCase()];
      if (value === undefined) {
        if (parameter.required) {
          issues.push({
            field: parameter.name,
            location,
            issue: "MISSING_REQUIRED_PARAMETER",
            description: `${parameter.name} is required`,
          });
        }
        continue;
      }
      // Wrapped in an object so that coerceTypes can turn "2" into 2 for integer query params.
      const key = `${operation.operationId}:${location}:${parameter.name}`;
      const wrapped = { type: "object", properties: { value: parameter.schema ?? {} } };
      if (!this.#validator(key, wrapped, this.#paramAjv)({ value })) {
        issues.push({
          field: parameter.name,
          location,
          issue: "INVALID_PARAMETER_VALUE",
          description: `${parameter.name} does not match its schema`,
          value,
        });
      }
    }
    return issues;
  }

  /** Whether the operation takes a JSON body at all, and must have one. */
  bodyOf(operation: SpecOperation): { accepted: boolean; required: boolean } {
    const entry = this.#entry(operation);
    return { accepted: Boolean(entry.bodyPointer), required: entry.bodyRequired };
  }

  validateBody(operation: SpecOperation, body: unknown): SpecIssue[] {
    const entry = this.#entry(operation);
    if (!entry.bodyPointer) return [];
    const validate = this.#validator(entry.bodyPointer, { $ref: entry.bodyPointer }, this.#bodyAjv);
    if (validate(body)) return [];
    const seen = new Set<string>();
    return (validate.errors ?? []).map(issueOf).filter((issue) => {
      const key = `${issue.field}:${issue.issue}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  #entry(operation: SpecOperation): OperationEntry {
    const entry = this.#operations.find(
      (e) => e.operationId === operation.operationId && e.template === operation.template,
    );
    if (!entry) throw new Error(`Unknown operation ${operation.operationId}`);
    return entry;
  }
}

const validators = new Map<string, PayPalSpecValidator>();

/** Loading and compiling is the slow part: one validator per specs folder and process. */
export function paypalSpecValidator(specsDir: string): PayPalSpecValidator {
  let validator = validators.get(specsDir);
  if (!validator) {
    validator = new PayPalSpecValidator(specsDir);
    validators.set(specsDir, validator);
  }
  return validator;
}
