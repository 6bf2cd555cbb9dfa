// The PDF check must catch what the system tools caught: a broken file, a base-14 Helvetica that
// is not embedded, a missing mention. Each case is a real PDF, rendered or damaged here.
import { Document, Page, renderToBuffer, Text } from "@react-pdf/renderer";
import React from "react";
import { beforeAll, describe, expect, test } from "vitest";
import { renderInvoicePdf } from "../render.ts";
import { sampleDocument } from "./fixtures.ts";
import { inspectPdf, type PdfReport, pdfProblems, qpdfCheck } from "./pdf-check.ts";

const h = React.createElement;

describe("pdf-check", () => {
  let good: Uint8Array;
  let report: PdfReport;

  beforeAll(async () => {
    good = await renderInvoicePdf(sampleDocument("invoice", "fr"));
    report = await inspectPdf(good);
  });

  test("a rendered invoice is clean: qpdf, two embedded DejaVu subsets, text with accents", () => {
    expect(report.qpdf.status).toBe(0);
    expect(report.fonts.map((font) => [font.name.slice(7), font.subtype, font.embedded])).toEqual(
      expect.arrayContaining([
        ["DejaVuSans", "CIDFontType2", true],
        ["DejaVuSans-Bold", "CIDFontType2", true],
      ]),
    );
    expect(report.text).toContain("Indemnité forfaitaire pour frais de recouvrement");
    expect(pdfProblems(report, { mentions: ["Total TTC 255,69 EUR"] })).toEqual([]);
  });

  test("a missing mention and a forbidden pattern are reported", () => {
    expect(
      pdfProblems(report, { mentions: ["Total TTC 999,99 EUR"], absent: [/Facture/] }),
    ).toEqual(["missing mention: Total TTC 999,99 EUR", "text matches /Facture/: …Facture…"]);
  });

  test("a damaged file fails qpdf --check with its message, and the process exit code is kept", async () => {
    const bytes = Buffer.from(good);
    const damaged = Buffer.concat([
      bytes.subarray(0, bytes.length / 2),
      bytes.subarray(bytes.length / 2 + 50),
    ]);
    const result = await qpdfCheck(damaged);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/expected n n obj|xref|damaged/i);
    expect(process.exitCode ?? 0).toBe(0);
    const garbage = await qpdfCheck(Buffer.from("not a pdf"));
    expect(garbage.status).not.toBe(0);
    expect(garbage.output).toContain("can't find PDF header");
  });

  test("a PDF in react-pdf's default Helvetica is refused: not embedded, not DejaVu", async () => {
    const helvetica = await renderToBuffer(
      h(Document, null, h(Page, null, h(Text, null, "Facture sans police embarquée"))),
    );
    const bad = await inspectPdf(helvetica);
    expect(bad.qpdf.status).toBe(0);
    expect(bad.fonts).toEqual([{ name: "Helvetica", subtype: "Type1", embedded: false, page: 1 }]);
    expect(pdfProblems(bad, { mentions: ["Facture sans police embarquée"] })).toEqual([
      "font not embedded: Helvetica (page 1)",
      "font is not a DejaVu Sans subset: Helvetica (page 1)",
    ]);
  });
});
