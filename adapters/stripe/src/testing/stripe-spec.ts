import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

/** The parts of an OpenAPI 3.0 operation the fake reads. */
export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface SpecOperation {
  operationId: string;
  parameters?: SpecParameter[];
  requestBody?: {
    content?: Record<string, { schema?: Record<string, unknown> }>;
  };
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

export interface StripeSpec {
  /** "2023-08-16" for the spec3.yaml we test against. */
  apiVersion: string;
  document: {
    paths: Record<string, Record<string, SpecOperation>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  /** One canned object per resource type ("checkout.session", "charge", …). */
  fixtures: Record<string, Record<string, unknown>>;
}

// Parsing the 4 MB spec takes ~2 s: once per test file (module scope), whatever the fakes.
const loaded = new Map<string, Promise<StripeSpec>>();

export function loadStripeSpec(specsDir: string): Promise<StripeSpec> {
  const dir = path.join(specsDir, "stripe");
  let spec = loaded.get(dir);
  if (!spec) {
    spec = readSpec(dir);
    loaded.set(dir, spec);
  }
  return spec;
}

async function readSpec(dir: string): Promise<StripeSpec> {
  const [yamlText, fixturesText] = await Promise.all([
    readFile(path.join(dir, "spec3.yaml"), "utf8"),
    readFile(path.join(dir, "fixtures3.json"), "utf8"),
  ]);
  const document = parse(yamlText, { maxAliasCount: -1 }) as StripeSpec["document"] & {
    info: { version: string };
  };
  const fixtures = (JSON.parse(fixturesText) as { resources: StripeSpec["fixtures"] }).resources;
  return { apiVersion: document.info.version, document, fixtures };
}
