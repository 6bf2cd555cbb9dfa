// One-page documents are drawn directly on pdfkit (decision 075); react-pdf's render of the same
// document is the reference. For every sample kind, both locales, with and without Factur-X,
// VAT-exempt and in TND, and for documents whose names, addresses, descriptions and footer wrap:
// every printed line the same (text, font, size, colour, each character within 0.5 pt), the page
// the same to the eye, the same metadata, PDF/A-3b parts and embedded fonts. What the direct
// drawing does not handle goes to react-pdf, byte for byte as before.
import * as mupdf from "mupdf";
import { describe, expect, test } from "vitest";
import { computeTotals, type InvoiceDocument } from "./document.ts";
import { facturXRepresentable } from "./facturx.ts";
import { renderFacturXPdf, renderInvoicePdf, Unsupported } from "./render.ts";
import { exemptDocument, line, sampleDocument, tndDocument } from "./testing/fixtures.ts";
import { inspectPdf, pdfProblems, readFacturXParts } from "./testing/pdf-check.ts";
import {
  PIXEL_TOLERANCE,
  pixelDifference,
  printedGlyphs,
  printedLines,
} from "./testing/printed.ts";

/** Long seller, buyer, addresses and descriptions: lines that wrap everywhere they can. */
function wrapping(base: InvoiceDocument): InvoiceDocument {
  const lines = [
    line(`${"Accompagnement stratégique ".repeat(6).trim()} (cœur)`, 1, 10_000, 2000),
    line(
      "Revue détaillée du plan de carrière, entretiens blancs et retours écrits sur chaque séance de la semaine",
      3,
      5_000,
      550,
      500,
    ),
    { ...line("Court", 1, 100, 2000), date: "2026-03-12" },
  ];
  return {
    ...base,
    seller: {
      ...base.seller,
      legalName: "Mentora Conseil en Accompagnement Professionnel et Stratégique des Indépendants",
      addressLines: [
        "Bâtiment C, 12 rue de l’Église prolongée, zone d’activités des Trois Fontaines",
        "75011 Paris",
        "France",
      ],
    },
    buyer: {
      ...base.buyer,
      name: "Société Générale de Conseil en Organisation et Transformation Numérique – Bœuf & Çà",
      addressLines: [
        "3 place de la Comédie, escalier B, troisième étage, porte gauche après l’ascenseur",
        "69001 Lyon",
      ],
    },
    lines,
    totals: computeTotals(lines),
  };
}

const cases: [string, InvoiceDocument][] = [];
for (const locale of ["fr", "en"] as const) {
  for (const kind of ["invoice", "credit_note", "payout_statement"] as const) {
    cases.push([`${kind} ${locale}`, sampleDocument(kind, locale)]);
  }
  cases.push([`VAT-exempt invoice ${locale}`, exemptDocument(locale)]);
  cases.push([`TND invoice ${locale}`, tndDocument(locale)]);
  cases.push([`wrapping invoice ${locale}`, wrapping(sampleDocument("invoice", locale))]);
  cases.push([`wrapping credit note ${locale}`, wrapping(sampleDocument("credit_note", locale))]);
}

/** The same printed lines: text, font, size, colour, and every character within 0.5 pt. */
function expectSamePrint(ours: Uint8Array, theirs: Uint8Array) {
  expect(printedLines(ours)).toEqual(printedLines(theirs));
  const [mine, reference] = [printedGlyphs(ours), printedGlyphs(theirs)];
  expect(mine).toHaveLength(1);
  expect(reference).toHaveLength(1);
  const [a, b] = [mine[0] ?? [], reference[0] ?? []];
  expect(a.map(({ origins: _, ...rest }) => rest)).toEqual(
    b.map(({ origins: _, ...rest }) => rest),
  );
  let worst = 0;
  a.forEach((lineA, i) => {
    lineA.origins.forEach(([x, y], j) => {
      const [rx, ry] = b[i]?.origins[j] ?? [Number.NaN, Number.NaN];
      worst = Math.max(worst, Math.abs(x - rx), Math.abs(y - ry));
    });
  });
  expect(worst).toBeLessThanOrEqual(0.5);
  const difference = pixelDifference(ours, theirs);
  expect(difference.share).toBeLessThanOrEqual(PIXEL_TOLERANCE.share);
  expect(difference.max).toBeLessThanOrEqual(PIXEL_TOLERANCE.max);
}

/** The catalog's language and the Info dictionary, as a reader's "document properties". */
function properties(bytes: Uint8Array) {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf") as mupdf.PDFDocument;
  try {
    const text = (object: mupdf.PDFObject) =>
      object.isIndirect() ? object.resolve().toString() : object.toString();
    const info = doc.getTrailer().get("Info").resolve();
    const root = doc.getTrailer().get("Root").resolve();
    const keys = ["Title", "Author", "Subject", "Creator", "Producer", "CreationDate"];
    return {
      lang: text(root.get("Lang")),
      viewer: text(root.get("ViewerPreferences")),
      info: [...keys, "ModificationDate", "ModDate"].map((key) => text(info.get(key))),
    };
  } finally {
    doc.destroy();
  }
}

describe("drawn directly, printed as react-pdf prints it", { timeout: 120_000 }, () => {
  test.each(cases)("%s", async (_, doc) => {
    const ours = await renderInvoicePdf(doc, "direct");
    const theirs = await renderInvoicePdf(doc, "react-pdf");
    expectSamePrint(ours, theirs);
    // The default path is the direct one for these documents.
    expect(Buffer.from(await renderInvoicePdf(doc)).equals(Buffer.from(ours))).toBe(true);
    expect(properties(ours)).toEqual(properties(theirs));
    const report = await inspectPdf(ours);
    expect(pdfProblems(report, { mentions: [doc.number] })).toEqual([]);
    expect(report.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(
      (await inspectPdf(theirs)).fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, "")).sort(),
    );
    expect(report.fonts.every((font) => font.embedded)).toBe(true);
  });

  test.each(cases.filter(([, doc]) => facturXRepresentable(doc)))(
    "%s as Factur-X (PDF/A-3b)",
    async (_, doc) => {
      const ours = await renderFacturXPdf(doc, "direct");
      const theirs = await renderFacturXPdf(doc, "react-pdf");
      expect(ours.xml).toBe(theirs.xml);
      expectSamePrint(ours.pdf, theirs.pdf);
      expect(readFacturXParts(ours.pdf)).toEqual(readFacturXParts(theirs.pdf));
      expect(properties(ours.pdf)).toEqual(properties(theirs.pdf));
      const report = await inspectPdf(ours.pdf);
      expect(pdfProblems(report, { mentions: [doc.number] })).toEqual([]);
      expect(report.fonts.every((font) => font.embedded)).toBe(true);
    },
  );
});

describe("what the direct drawing does not handle goes to react-pdf", { timeout: 120_000 }, () => {
  const greek: InvoiceDocument = {
    ...sampleDocument("invoice", "fr"),
    buyer: { ...sampleDocument("invoice", "fr").buyer, name: "Αθηνά Παπαδοπούλου" },
  };
  const many: InvoiceDocument = (() => {
    const lines = Array.from({ length: 13 }, (_, i) => line(`Séance ${i + 1}`, 1, 6_000, 2000));
    return { ...sampleDocument("invoice", "fr"), lines, totals: computeTotals(lines) };
  })();
  const wrapped = wrapping(sampleDocument("invoice", "en"));
  const tall: InvoiceDocument = {
    ...wrapped,
    seller: {
      ...wrapped.seller,
      addressLines: Array.from({ length: 60 }, (_, i) => `Address line ${i + 1}`),
    },
  };
  test.each([
    ["a script other than Latin (Greek buyer)", greek],
    ["more lines than a one-page invoice has (13)", many],
    ["more than one page", tall],
  ] as const)("%s: react-pdf's render, byte for byte", async (_, doc) => {
    await expect(renderInvoicePdf(doc, "direct")).rejects.toBeInstanceOf(Unsupported);
    const auto = await renderInvoicePdf(doc);
    const reactPdf = await renderInvoicePdf(doc, "react-pdf");
    expect(Buffer.from(auto).equals(Buffer.from(reactPdf))).toBe(true);
    expect((await inspectPdf(auto)).text).toContain(doc.buyer.name);
  });
});
