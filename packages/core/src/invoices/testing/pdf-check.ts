import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The tools a human checks a PDF with; every invoice test needs them (poppler-utils, qpdf). */
export function runPdfTool(tool: string, args: string[]) {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface PdfReport {
  qpdfStatus: number | null;
  qpdfOutput: string;
  /** Rows of `pdffonts`: name and whether it is embedded. */
  fonts: { name: string; embedded: boolean }[];
  /** `pdftotext -layout` with every whitespace run collapsed to one space. */
  text: string;
}

/** Writes the bytes to a temp file and runs qpdf --check, pdffonts and pdftotext on them. */
export function inspectPdf(bytes: Uint8Array): PdfReport {
  const dir = mkdtempSync(path.join(tmpdir(), "mentora-invoice-check-"));
  try {
    const file = path.join(dir, "doc.pdf");
    writeFileSync(file, bytes);
    const qpdf = runPdfTool("qpdf", ["--check", file]);
    const fontLines = runPdfTool("pdffonts", [file]).stdout.trim().split("\n").slice(2);
    const fonts = fontLines.map((line) => {
      const columns = line.trim().split(/\s+/);
      // name type... encoding emb sub uni object ID: "emb" is the 5th column from the end.
      return { name: columns[0] ?? "", embedded: columns.at(-5) === "yes" };
    });
    const text = runPdfTool("pdftotext", ["-layout", file, "-"]).stdout.replace(/\s+/gu, " ");
    return { qpdfStatus: qpdf.status, qpdfOutput: qpdf.stdout + qpdf.stderr, fonts, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
