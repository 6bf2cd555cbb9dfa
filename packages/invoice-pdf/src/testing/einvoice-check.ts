// Validates a Factur-X XML with the official artefacts (../shared/specs/einvoice, see SOURCES.md
// there): the Factur-X 1.09 EN 16931 XSD with xmllint-wasm, and the schematrons — Factur-X's own
// EN 16931 one, the EN 16931 CII one (CEN), and the French reform's BR-FR-Flux2 — with SaxonJS.
// Each stylesheet is compiled to SEF once (about 20 s for the biggest) and cached under
// .data/einvoice-sef/, keyed by the stylesheet's hash and the compiler's version, so a run
// compiles at most once and later runs not at all. Tools from npm only.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { validateXML } from "xmllint-wasm";

const require = createRequire(import.meta.url);
const run = promisify(execFile);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export const EINVOICE_DIR = "einvoice";
const MARKER = "einvoice/facturx-1.09-en16931/Factur-X_EN16931.xsd";

/**
 * The specs folder holding einvoice/: $MENTORA_SPECS_DIR, else ../shared/specs beside the
 * checkout (CI has it there), else .data/specs. Null when none has the e-invoicing files.
 */
export function findEinvoiceSpecs(): string | null {
  const candidates = [
    process.env.MENTORA_SPECS_DIR,
    path.resolve(repoRoot, "../shared/specs"),
    path.resolve(repoRoot, ".data/specs"),
  ].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(path.join(dir, MARKER)));
  return found ? path.join(found, EINVOICE_DIR) : null;
}

/** Under CI a missing specs folder is a failure, never a skip. */
export const mustNotSkip =
  Boolean(process.env.CI) && !["false", "0"].includes(process.env.CI ?? "");

export type Schematron = "facturx" | "en16931" | "br-fr";

const STYLESHEETS: Record<Schematron, string> = {
  facturx: "facturx-1.09-en16931/Factur-X_1.09_EN16931.xsl",
  en16931: "EN16931-CII-validation.xslt",
  "br-fr": "BR-FR-Flux2-Schematron-CII.xslt",
};

const SEF_CACHE = path.resolve(repoRoot, ".data/einvoice-sef");

type SaxonJsApi = {
  transform(
    options: {
      stylesheetInternal: unknown;
      sourceText: string;
      destination: "serialized";
    },
    mode: "async",
  ): Promise<{ principalResult: string }>;
  getResource(options: { text: string; type: "xml" }): Promise<unknown>;
  XPath: {
    evaluate(
      xpath: string,
      context: unknown,
      options: { namespaceContext: Record<string, string>; resultForm: "array" },
    ): unknown[];
  };
};
const SaxonJS = require("saxon-js") as SaxonJsApi;
const XSLT3 = require.resolve("xslt3/xslt3.js");
const XSLT3_VERSION = (require("xslt3/package.json") as { version: string }).version;

const compiled = new Map<Schematron, Promise<string>>();
// The parsed SEF, kept: re-reading 5 MB of JSON per transform costs eight times the transform.
const loaded = new Map<Schematron, Promise<unknown>>();

function loadSef(specs: string, which: Schematron): Promise<unknown> {
  let promise = loaded.get(which);
  if (!promise) {
    promise = schematronSef(specs, which).then(async (sef) =>
      JSON.parse(await readFile(sef, "utf8")),
    );
    loaded.set(which, promise);
  }
  return promise;
}

async function waitForFile(file: string, lock: string): Promise<void> {
  // Another worker holds the lock and compiles: poll until it is done (or its lock is gone).
  for (;;) {
    if (existsSync(file)) return;
    if (!existsSync(lock)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function compileSef(specs: string, which: Schematron): Promise<string> {
  const source = path.join(specs, STYLESHEETS[which]);
  const hash = createHash("sha256")
    .update(await readFile(source))
    .update(XSLT3_VERSION)
    // The Factur-X stylesheet reads its code lists with document() relative to where it lies.
    .update(source)
    .digest("hex")
    .slice(0, 16);
  const sef = path.join(SEF_CACHE, `${which}-${hash}.sef.json`);
  if (existsSync(sef)) return sef;
  await mkdir(SEF_CACHE, { recursive: true });
  const lock = `${sef}.lock`;
  try {
    await mkdir(lock);
  } catch {
    // A lock older than 15 minutes belongs to a crashed compile (a cold one takes about a
    // minute, a few under a loaded CI): take it over.
    const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age < 900_000) {
      await waitForFile(sef, lock);
      if (existsSync(sef)) return sef;
    }
    await rm(lock, { recursive: true, force: true });
    await mkdir(lock, { recursive: true });
  }
  try {
    const temp = path.join(lock, "out.sef.json");
    await run(process.execPath, [XSLT3, `-xsl:${source}`, `-export:${temp}`, "-nogo"], {
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(temp, sef);
    return sef;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** The SEF of a schematron, compiled at most once per process (and cached across runs). */
export function schematronSef(specs: string, which: Schematron): Promise<string> {
  let promise = compiled.get(which);
  if (!promise) {
    promise = compileSef(specs, which);
    compiled.set(which, promise);
  }
  return promise;
}

export type SchematronFinding = {
  /** "BR-CO-16", "BR-FR-12"… (the assertion's id, else the start of its text). */
  id: string;
  flag: string;
  text: string;
  location: string;
};

const SVRL = "http://purl.oclc.org/dsdl/svrl";

/** Runs one schematron on the XML and returns its failed assertions (SVRL failed-assert). */
export async function runSchematron(
  specs: string,
  which: Schematron,
  xml: string,
): Promise<SchematronFinding[]> {
  const stylesheet = await loadSef(specs, which);
  const result = await SaxonJS.transform(
    { stylesheetInternal: stylesheet, sourceText: xml, destination: "serialized" },
    "async",
  );
  const report = await SaxonJS.getResource({ text: result.principalResult, type: "xml" });
  const ns = { namespaceContext: { svrl: SVRL }, resultForm: "array" as const };
  const failures = SaxonJS.XPath.evaluate("//svrl:failed-assert", report, ns);
  return failures.map((node) => {
    const text = String(SaxonJS.XPath.evaluate("string(svrl:text)", node, ns)[0] ?? "").trim();
    const attr = (name: string) => String(SaxonJS.XPath.evaluate(`string(@${name})`, node, ns)[0]);
    const id = attr("id") || (/\[([A-Z]+-[A-Z0-9-]+)\]/.exec(text)?.[1] ?? text.slice(0, 40));
    return { id, flag: attr("flag"), text, location: attr("location") };
  });
}

/** The XML against the Factur-X 1.09 EN 16931 XSD; the list of schema errors, empty when valid. */
export async function xsdErrors(specs: string, xml: string): Promise<string[]> {
  const folder = path.join(specs, "facturx-1.09-en16931");
  const files = (await readdir(folder)).filter((name) => name.endsWith(".xsd"));
  const load = async (name: string) => ({
    fileName: name,
    contents: await readFile(path.join(folder, name), "utf8"),
  });
  const result = await validateXML({
    xml: [{ fileName: "factur-x.xml", contents: xml }],
    schema: [await load("Factur-X_EN16931.xsd")],
    preload: await Promise.all(files.filter((name) => name !== "Factur-X_EN16931.xsd").map(load)),
  });
  return result.errors.map((error) => error.rawMessage);
}

export type FacturXValidation = {
  xsd: string[];
  facturx: SchematronFinding[];
  en16931: SchematronFinding[];
  /** The French reform's rules: reported, not a failure (decision 039). */
  brFr: SchematronFinding[];
};

/**
 * Every check on one XML. `xsd`, `facturx` and `en16931` must all be empty for a valid one;
 * `brFr` is left empty when `options.brFr` is false.
 */
export async function validateFacturX(
  specs: string,
  xml: string,
  options: { brFr?: boolean } = {},
): Promise<FacturXValidation> {
  const [xsd, facturx, en16931, brFr] = await Promise.all([
    xsdErrors(specs, xml),
    runSchematron(specs, "facturx", xml),
    runSchematron(specs, "en16931", xml),
    options.brFr === false ? [] : runSchematron(specs, "br-fr", xml),
  ]);
  return { xsd, facturx, en16931, brFr };
}

/** The blocking problems of a validation as lines ("en16931 BR-CO-16: …"), for toEqual([]). */
export function facturXProblems(validation: FacturXValidation): string[] {
  return [
    ...validation.xsd.map((error) => `xsd: ${error}`),
    ...validation.facturx.map((f) => `facturx ${f.id}: ${f.text}`),
    ...validation.en16931.map((f) => `en16931 ${f.id}: ${f.text}`),
  ];
}

/** Namespaces of a CII invoice and an XMP packet, for `xpathStrings`. */
export const XPATH_NS: Record<string, string> = {
  rsm: "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
  ram: "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
  udt: "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
  qdt: "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
  x: "adobe:ns:meta/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  pdfaid: "http://www.aiim.org/pdfa/ns/id/",
  dc: "http://purl.org/dc/elements/1.1/",
  xmp: "http://ns.adobe.com/xap/1.0/",
  fx: "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
  pdfaSchema: "http://www.aiim.org/pdfa/ns/schema#",
};

/**
 * Parses the XML (throws when it is not well-formed) and returns the string value of each node
 * the XPath selects, e.g. `xpathStrings(xml, "//ram:DuePayableAmount")` → ["0.00"].
 */
export async function xpathStrings(xml: string, xpath: string): Promise<string[]> {
  const parsed = await SaxonJS.getResource({ text: xml, type: "xml" });
  const ns = { namespaceContext: XPATH_NS, resultForm: "array" as const };
  return SaxonJS.XPath.evaluate(`(${xpath}) ! string(.)`, parsed, ns).map(String);
}
