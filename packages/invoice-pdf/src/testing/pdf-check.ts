// The checks a human runs on an invoice PDF (qpdf --check, pdffonts, pdftotext), done with npm
// packages so they hold on a bare machine: qpdf itself compiled to WebAssembly, and MuPDF.js for
// the text and the font resources. Shared by the renderer's tests, core's invoice tests and the
// browser test of the money trail, so all three apply the same strict bar.
import { createRequire } from "node:module";
import * as mupdf from "mupdf";

const require = createRequire(import.meta.url);

/** The part of the Emscripten module qpdf-wasm returns that we use (its own types omit FS). */
interface QpdfInstance {
  callMain(args: string[]): number;
  FS: {
    init(
      input: null,
      output: (char: number | null) => void,
      error: (char: number | null) => void,
    ): void;
    writeFile(path: string, data: Uint8Array): void;
  };
}
type QpdfFactory = (options: {
  locateFile: () => string;
  preRun: ((module: QpdfInstance) => void)[];
}) => Promise<QpdfInstance>;

const createQpdf = require("@neslinesli93/qpdf-wasm") as QpdfFactory;
const QPDF_WASM = require.resolve("@neslinesli93/qpdf-wasm/dist/qpdf.wasm");

/** `qpdf --check` on the bytes: its exit status (0 = clean) and everything it printed. */
export async function qpdfCheck(bytes: Uint8Array): Promise<{ status: number; output: string }> {
  const out: number[] = [];
  // A fresh module per run: qpdf's main exits, and an exited Emscripten runtime cannot run again.
  const qpdf = await createQpdf({
    locateFile: () => QPDF_WASM,
    // Capture stdout and stderr instead of letting them reach the test's console.
    preRun: [
      (module) =>
        module.FS.init(
          null,
          (char) => char !== null && out.push(char),
          (char) => char !== null && out.push(char),
        ),
    ],
  });
  qpdf.FS.writeFile("/doc.pdf", bytes);
  // Emscripten's exit sets process.exitCode under Node: keep the test process's own.
  const exitCode = process.exitCode;
  let status: number;
  try {
    status = qpdf.callMain(["--check", "/doc.pdf"]);
  } catch (error) {
    const exit = (error as { status?: unknown }).status;
    if (typeof exit !== "number") throw error;
    status = exit;
  } finally {
    process.exitCode = exitCode;
  }
  return { status, output: Buffer.from(out).toString("utf8") };
}

export interface PdfFont {
  /** BaseFont, with its subset prefix (e.g. `ABCDEF+DejaVuSans`). */
  name: string;
  /** Subtype of the font program: the descendant's for a composite (Type0) font. */
  subtype: string;
  /** A FontFile, FontFile2 or FontFile3 stream is in the font descriptor (Type3: always). */
  embedded: boolean;
  page: number;
}

const FONT_FILE_KEYS = ["FontFile", "FontFile2", "FontFile3"] as const;

function fontOf(dict: mupdf.PDFObject, page: number): PdfFont {
  const descendants = dict.get("DescendantFonts");
  // A composite font's program and descriptor live in its (single) descendant CIDFont.
  const program = descendants.isArray() ? descendants.get(0).resolve() : dict;
  const subtype = program.get("Subtype").asName();
  const descriptor = program.get("FontDescriptor");
  const embedded =
    subtype === "Type3" ||
    (descriptor.isDictionary() && FONT_FILE_KEYS.some((key) => descriptor.get(key).isStream()));
  return { name: dict.get("BaseFont").asName(), subtype, embedded, page };
}

/** Every font of a resource dictionary, and of the form XObjects it uses, like pdffonts lists. */
function collectFonts(
  resources: mupdf.PDFObject,
  page: number,
  fonts: PdfFont[],
  seen: Set<string>,
): void {
  if (!resources.isDictionary()) return;
  resources.get("Font").forEach((value) => {
    const key = value.isIndirect() ? `${value.asIndirect()}` : "";
    if (key && seen.has(key)) return;
    if (key) seen.add(key);
    fonts.push(fontOf(value.resolve(), page));
  });
  resources.get("XObject").forEach((value) => {
    const key = value.isIndirect() ? `x${value.asIndirect()}` : "";
    if (key && seen.has(key)) return;
    if (key) seen.add(key);
    const xobject = value.resolve();
    if (xobject.get("Subtype").isName() && xobject.get("Subtype").asName() === "Form") {
      collectFonts(xobject.get("Resources"), page, fonts, seen);
    }
  });
}

export interface PdfReport {
  qpdf: { status: number; output: string };
  fonts: PdfFont[];
  /** The text of every page, every whitespace run (newlines, no-break spaces) collapsed. */
  text: string;
  /** The document information dictionary (as MuPDF reads it: dates stay `D:YYYYMMDD…`). */
  info: { title?: string; author?: string; producer?: string; creationDate?: string };
}

/** Whitespace runs (spaces, no-break spaces, newlines, column gaps) collapsed to one space. */
export const flatText = (text: string): string => text.replace(/\s+/gu, " ");

/** Runs qpdf --check, lists the fonts and extracts the text of a PDF. */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfReport> {
  const qpdf = await qpdfCheck(bytes);
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  try {
    const pdf = doc.asPDF();
    if (!pdf) throw new Error("MuPDF did not open the bytes as a PDF");
    const fonts: PdfFont[] = [];
    const seen = new Set<string>();
    const pages: string[] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = pdf.loadPage(i);
      if (!(page instanceof mupdf.PDFPage)) throw new Error(`page ${i + 1} is not a PDF page`);
      collectFonts(page.getObject().get("Resources"), i + 1, fonts, seen);
      pages.push(page.toStructuredText("").asText());
      page.destroy();
    }
    return {
      qpdf,
      fonts,
      text: flatText(pages.join("\n")).trim(),
      info: {
        title: doc.getMetaData("info:Title"),
        author: doc.getMetaData("info:Author"),
        producer: doc.getMetaData("info:Producer"),
        creationDate: doc.getMetaData("info:CreationDate"),
      },
    };
  } finally {
    doc.destroy();
  }
}

export interface PdfExpectations {
  /** Text every one of which must be in the document (compared with whitespace collapsed). */
  mentions?: readonly string[];
  /** Patterns the text must not match. */
  absent?: readonly RegExp[];
}

/** The fonts the renderer embeds: DejaVu Sans and its bold, subset (6-letter tag). */
const DEJAVU_SUBSET = /^[A-Z]{6}\+DejaVuSans(-Bold)?$/;

/**
 * Everything wrong with a rendered document, empty when it is fine: qpdf --check not clean, no
 * font, a font not embedded or not DejaVu (a base-14 Helvetica/Times/Courier fallback), a missing
 * mention, or text matching an `absent` pattern. Tests assert `toEqual([])` to see each problem.
 */
export function pdfProblems(report: PdfReport, expected: PdfExpectations = {}): string[] {
  const problems: string[] = [];
  if (report.qpdf.status !== 0 || !report.qpdf.output.includes("No syntax or stream encoding")) {
    problems.push(`qpdf --check exited ${report.qpdf.status}: ${report.qpdf.output.trim()}`);
  }
  if (report.fonts.length === 0) problems.push("no font in the document");
  for (const font of report.fonts) {
    if (!font.embedded) problems.push(`font not embedded: ${font.name} (page ${font.page})`);
    if (!DEJAVU_SUBSET.test(font.name)) {
      problems.push(`font is not a DejaVu Sans subset: ${font.name} (page ${font.page})`);
    }
  }
  for (const mention of expected.mentions ?? []) {
    if (!report.text.includes(flatText(mention))) problems.push(`missing mention: ${mention}`);
  }
  for (const pattern of expected.absent ?? []) {
    const match = report.text.match(pattern);
    if (match) problems.push(`text matches ${pattern}: …${match[0]}…`);
  }
  return problems;
}

export interface FacturXParts {
  /** `%PDF-x.y` of the header. */
  version: string;
  /** Every embedded file by name (the EmbeddedFiles name tree), its text. */
  files: Record<string, string>;
  /** The catalog's AF array: each associated file's name and AFRelationship. */
  associated: { name: string; relationship: string; subtype: string }[];
  /** The catalog's XMP metadata stream, as text; null when there is none. */
  xmp: string | null;
  /** The OutputIntents: subtype (GTS_PDFA1) and the components of the ICC profile. */
  outputIntents: { subtype: string; components: number; profileBytes: number }[];
}

/** What makes a PDF a Factur-X, read with MuPDF: embedded files, AF, XMP, OutputIntent. */
export function readFacturXParts(bytes: Uint8Array): FacturXParts {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  try {
    const pdf = doc.asPDF();
    if (!pdf) throw new Error("MuPDF did not open the bytes as a PDF");
    const files: Record<string, string> = {};
    for (const [name, spec] of Object.entries(pdf.getEmbeddedFiles())) {
      const contents = pdf.getEmbeddedFileContents(spec);
      files[name] = contents ? Buffer.from(contents.asUint8Array()).toString("utf8") : "";
    }
    const catalog = pdf.getTrailer().get("Root");
    const associated: FacturXParts["associated"] = [];
    catalog.get("AF").forEach((value) => {
      const spec = value.resolve();
      associated.push({
        name: spec.get("UF").isString() ? spec.get("UF").asString() : spec.get("F").asString(),
        relationship: spec.get("AFRelationship").asName(),
        subtype: spec.get("EF").get("F").get("Subtype").asName(),
      });
    });
    const metadata = catalog.get("Metadata");
    const xmp = metadata.isStream()
      ? Buffer.from(metadata.readStream().asUint8Array()).toString("utf8")
      : null;
    const outputIntents: FacturXParts["outputIntents"] = [];
    catalog.get("OutputIntents").forEach((value) => {
      const intent = value.resolve();
      const profile = intent.get("DestOutputProfile");
      outputIntents.push({
        subtype: intent.get("S").asName(),
        components: profile.get("N").asNumber(),
        profileBytes: profile.isStream() ? profile.readStream().getLength() : 0,
      });
    });
    const header = Buffer.from(bytes.subarray(0, 8)).toString("latin1");
    return { version: header, files, associated, xmp, outputIntents };
  } finally {
    doc.destroy();
  }
}
