// What the renderer keeps from one render to the next (fontkit-caches.ts: shaped runs, glyph
// answers, decoded outlines; pdfkit-fonts.ts: one font per fontkit object per document) and the
// one-page shortcut (no pagination pass) must not change what a document prints.
import { renderToBuffer } from "@react-pdf/renderer";
import { afterAll, describe, expect, test } from "vitest";
import type { InvoiceDocument } from "./document.ts";
import { invoiceElement, renderFacturXPdf, renderInvoicePdf } from "./render.ts";
import { createRenderPool } from "./render-pool.ts";
import { exemptDocument, sampleDocument } from "./testing/fixtures.ts";
import { inspectPdf, pdfProblems } from "./testing/pdf-check.ts";
import { PIXEL_TOLERANCE, pixelDifference, pixels, printedLines } from "./testing/printed.ts";

/** A buyer and seller whose names use letters no other sample document has. */
function otherParties(doc: InvoiceDocument): InvoiceDocument {
  return {
    ...doc,
    number: "F-2026-000777",
    seller: { ...doc.seller, legalName: "Ørsted Ñandú Łódź SARL" },
    buyer: { ...doc.buyer, name: "Þórunn Ægisdóttir – Ŧest Ħ" },
  };
}

const pool = createRenderPool({ threads: 1 });
afterAll(() => pool.close());

describe("renders after other renders", { timeout: 120_000 }, () => {
  test("a document gets the bytes it gets when rendered first, by a fresh thread", async () => {
    const first = sampleDocument("invoice", "fr");
    const other = otherParties(sampleDocument("credit_note", "en"));
    // In this process: other documents first, so every cache is warm with their runs and glyphs.
    const before = await renderInvoicePdf(first);
    await renderInvoicePdf(sampleDocument("payout_statement", "fr"));
    await renderFacturXPdf(sampleDocument("invoice", "en"));
    const otherHere = await renderInvoicePdf(other);
    const again = await renderInvoicePdf(first);
    // A new thread has none of those caches: the document is its first render.
    const otherFresh = await pool.render(other, "pdf");

    expect(Buffer.from(otherHere).equals(Buffer.from(otherFresh))).toBe(true);
    expect(Buffer.from(again).equals(Buffer.from(before))).toBe(true);
    const report = await inspectPdf(otherHere);
    expect(
      pdfProblems(report, {
        mentions: ["Ørsted Ñandú Łódź SARL", "Þórunn Ægisdóttir – Ŧest Ħ", "F-2026-000777"],
      }),
    ).toEqual([]);
    // Nothing of the documents rendered before it.
    expect(report.text).not.toContain("Mentora SAS");
    expect(report.text).not.toContain("Société Générale");
    // Two fonts, each embedded once per document however many runs use it.
    expect(report.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "DejaVuSans",
      "DejaVuSans-Bold",
    ]);
  });
});

describe("one page without react-pdf's pagination", () => {
  const cases: [string, InvoiceDocument][] = [
    ["invoice fr", sampleDocument("invoice", "fr")],
    ["credit note en", sampleDocument("credit_note", "en")],
    ["VAT-exempt invoice fr", exemptDocument("fr")],
    ["payout statement en", sampleDocument("payout_statement", "en")],
  ];
  test.each(cases)("%s prints every line where the paginated render does", async (_, doc) => {
    const onePageBytes = await renderInvoicePdf(doc);
    // react-pdf's own pagination, with the page number as a dynamic text.
    const paginatedBytes = new Uint8Array(await renderToBuffer(invoiceElement(doc)));
    const onePage = printedLines(onePageBytes);
    const paginated = printedLines(paginatedBytes);
    expect(onePage).toHaveLength(1);
    expect(onePage[0]?.bounds.map((n) => Math.round(n * 100) / 100)).toEqual([
      0, 0, 595.28, 841.89,
    ]);
    expect(onePage).toEqual(paginated);
    // Drawn directly (decision 075): the same shapes, anti-aliased within the tolerance.
    const difference = pixelDifference(onePageBytes, paginatedBytes);
    expect(difference.share).toBeLessThanOrEqual(PIXEL_TOLERANCE.share);
    expect(difference.max).toBeLessThanOrEqual(PIXEL_TOLERANCE.max);
    // react-pdf's one-page render (the fallback) is the paginated one, pixel for pixel.
    const reactPdf = await renderInvoicePdf(doc, "react-pdf");
    expect(printedLines(reactPdf)).toEqual(paginated);
    expect(pixels(reactPdf)).toEqual(pixels(paginatedBytes));
  });
});

describe("pdfkit's font wrapper", () => {
  test("wraps the pdfkit react-pdf draws with (one copy, so the wrapper is not a no-op)", async () => {
    const { createRequire } = await import("node:module");
    const { realpathSync } = await import("node:fs");
    const ours = createRequire(import.meta.url);
    const rendererEntry = ours.resolve("@react-pdf/renderer");
    const theirs = createRequire(rendererEntry);
    // Our direct pdfkit dependency must be the very copy react-pdf imports: pnpm gives both the
    // same store path only while the versions are equal (package.json pins them together).
    expect(realpathSync(theirs.resolve("pdfkit"))).toBe(realpathSync(ours.resolve("pdfkit")));
    await renderInvoicePdf(sampleDocument("invoice", "en"));
    const { default: PDFDocument } = await import("pdfkit");
    expect(
      (PDFDocument.prototype as unknown as { __mentoraFontsByObject?: true })
        .__mentoraFontsByObject,
    ).toBe(true);
  });
});
