// Our pagination (render.ts `paginate`: one layout pass, split by row, each page rendered once
// and numbered in plain text) must print what react-pdf's own pagination prints: the same lines
// at the same places on the same pages. And every row once, in order, whole, on a numbered page
// with the footer.
import { renderToBuffer } from "@react-pdf/renderer";
import * as mupdf from "mupdf";
import { afterAll, describe, expect, test } from "vitest";
import { computeTotals, type InvoiceDocument, type InvoiceLine } from "./document.ts";
import { buildFacturXml } from "./facturx.ts";
import { invoiceElement, pdfPageCount, renderFacturXPdf, renderInvoicePdf } from "./render.ts";
import { createRenderPool } from "./render-pool.ts";
import { exemptDocument, line, sampleDocument } from "./testing/fixtures.ts";
import { inspectPdf, pdfProblems, readFacturXParts } from "./testing/pdf-check.ts";
import { PIXEL_TOLERANCE, pixelDifference, pixels, printedLines } from "./testing/printed.ts";

/** A payout statement of `count` sessions, each with its own amount (60.01 EUR, 60.02 EUR…). */
function statement(count: number): InvoiceDocument {
  const sessions: InvoiceLine[] = Array.from({ length: count }, (_, i) => ({
    ...line(`Séance n° ${i + 1} – mentorat produit`, 1, 6_001 + i, 0),
    date: `2026-03-${String((i % 28) + 1).padStart(2, "0")}`,
  }));
  const base = sampleDocument("payout_statement", "fr");
  const totals = computeTotals(sessions);
  const feeMinor = 1_000;
  return {
    ...base,
    lines: sessions,
    totals,
    payout: { ...base.payout!, feeMinor, netMinor: totals.inclMinor - feeMinor },
  };
}

/** An invoice of `count` lines whose descriptions wrap over 1 to 4 lines, VAT rates, discounts. */
function longInvoice(count: number, base = sampleDocument("invoice", "en")): InvoiceDocument {
  const lines = Array.from({ length: count }, (_, i) =>
    line(
      `Item ${i + 1} ${"mentoring ".repeat((i * 7) % 23)}`.trim(),
      1 + (i % 3),
      1_001 + i,
      base.vatExemptionMention ? 0 : i % 2 ? 2_000 : 550,
      i % 4 === 0 && !base.vatExemptionMention ? 100 : undefined,
    ),
  );
  const vatExempt = base.vatExemptionMention !== undefined;
  return { ...base, lines, totals: computeTotals(lines, { vatExempt }) };
}

/** Each page's text as MuPDF reads it. */
function pageTexts(bytes: Uint8Array): string[] {
  const doc = mupdf.Document.openDocument(bytes, "application/pdf");
  try {
    return Array.from({ length: doc.countPages() }, (_, i) => {
      const page = doc.loadPage(i);
      const text = page.toStructuredText("").asText().replace(/\s+/g, " ");
      page.destroy();
      return text;
    });
  } finally {
    doc.destroy();
  }
}

const cases: [string, InvoiceDocument, number][] = [
  ["payout statement, 12 sessions (1 page)", statement(12), 1],
  ["payout statement, 60 sessions (3 pages)", statement(60), 3],
  ["payout statement, 470 sessions (20 pages)", statement(470), 20],
  // ≤ 12 lines: first rendered as one page, which overflows; split from that render's layout.
  ["invoice, 12 long lines (spills onto a second page)", longInvoice(12), 2],
  ["invoice, 45 lines of 1 to 4 text lines", longInvoice(45), 4],
  ["VAT-exempt invoice, 40 lines", longInvoice(40, exemptDocument("fr")), 3],
];

describe("our pagination prints what react-pdf's prints", { timeout: 300_000 }, () => {
  test.each(cases)("%s", async (_, doc, expectedPages) => {
    const ours = await renderInvoicePdf(doc);
    // react-pdf's own pagination, with the page number as a dynamic text.
    const theirs = new Uint8Array(await renderToBuffer(invoiceElement(doc)));
    const oursPrinted = printedLines(ours);
    expect(oursPrinted).toHaveLength(expectedPages);
    // Same pages (A4 each), same lines at the same places in the same fonts, page numbers too.
    expect(oursPrinted).toEqual(printedLines(theirs));
    for (const page of oursPrinted) {
      expect(page.bounds.map((n) => Math.round(n * 100) / 100)).toEqual([0, 0, 595.28, 841.89]);
    }
    const last = oursPrinted.length - 1;
    for (const index of new Set([0, Math.min(1, last), last])) {
      if (expectedPages > 1) {
        expect(pixels(ours, index)).toEqual(pixels(theirs, index));
        continue;
      }
      // One page is drawn directly (decision 075): the same within anti-aliasing.
      const difference = pixelDifference(ours, theirs, index);
      expect(difference.share).toBeLessThanOrEqual(PIXEL_TOLERANCE.share);
      expect(difference.max).toBeLessThanOrEqual(PIXEL_TOLERANCE.max);
    }
    const report = await inspectPdf(ours);
    expect(pdfProblems(report, { mentions: [doc.number] })).toEqual([]);
  });
});

describe("every row once, in order, whole, on a numbered page with its footer", () => {
  test.each([
    [1, 12],
    [3, 60],
    [20, 470],
  ])("a %i-page payout statement (%i sessions)", { timeout: 120_000 }, async (pages, count) => {
    const doc = statement(count);
    const bytes = await renderInvoicePdf(doc);
    expect(pdfPageCount(bytes)).toBe(pages);
    const texts = pageTexts(bytes);
    expect(texts).toHaveLength(pages);
    let previous = { page: 0, at: -1 };
    doc.lines.forEach((_, i) => {
      const description = `Séance n° ${i + 1} – mentorat produit`;
      const amount = `${((6_001 + i) / 100).toFixed(2).replace(".", ",")} EUR`;
      const where = texts.flatMap((text, page) =>
        text.includes(description) ? [{ page, at: text.indexOf(description) }] : [],
      );
      // Printed once (the description is unique: "n° 1 " is not a prefix of "n° 10 ").
      expect(where, description).toHaveLength(1);
      const here = where[0]!;
      // In order: on a later page, or further down the same page.
      expect(here.page > previous.page || here.at > previous.at, description).toBe(true);
      expect(here.page).toBeGreaterThanOrEqual(previous.page);
      // Whole: its amount is on its page, right after it.
      expect(texts[here.page]!.slice(here.at), description).toContain(amount);
      previous = here;
    });
    texts.forEach((text, page) => {
      // The footer on every page, the first included, with the page's number.
      expect(text).toContain("Mentora SAS – SAS, au capital de 10 000 € – 12 rue de l’Église");
      expect(text).toContain(`Relevé de versement ${doc.number} – Page ${page + 1} / ${pages}`);
      expect(text.match(/Page \d+ \/ \d+/g)).toEqual([`Page ${page + 1} / ${pages}`]);
    });
    // The column heads open every page; the totals end the last one.
    for (const text of texts) expect(text).toContain("Désignation");
    expect(texts.at(-1)).toContain("Net versé");
  });
});

test("a multi-page Factur-X invoice: our pages, PDF/A-3b parts and its XML", {
  timeout: 60_000,
}, async () => {
  const doc = longInvoice(45);
  const { pdf, xml } = await renderFacturXPdf(doc);
  expect(xml).toBe(buildFacturXml(doc));
  const parts = readFacturXParts(pdf);
  expect(parts.version).toBe("%PDF-1.7");
  expect(parts.files).toEqual({ "factur-x.xml": xml });
  expect(parts.outputIntents).toHaveLength(1);
  expect(parts.xmp).toContain("<pdfaid:part>3</pdfaid:part>");
  const report = await inspectPdf(pdf);
  expect(pdfProblems(report, { mentions: [doc.number, doc.seller.legalName] })).toEqual([]);
  // The same pages as react-pdf's own pagination of the PDF/A-3b rendering.
  const theirs = new Uint8Array(
    await renderToBuffer(invoiceElement(doc, { conformance: "PDF/A-3b" })),
  );
  expect(printedLines(pdf)).toEqual(printedLines(theirs));
  expect(pageTexts(pdf).map((text) => text.match(/Page \d+ \/ \d+/g))).toEqual(
    [1, 2, 3, 4].map((page) => [`Page ${page} / 4`]),
  );
});

describe("two statements in a row keep their own rows", () => {
  const pool = createRenderPool({ threads: 1 });
  afterAll(() => pool.close());

  test("the second prints its own data, byte for byte as a fresh thread's first render", {
    timeout: 60_000,
  }, async () => {
    const first = statement(60);
    const second: InvoiceDocument = {
      ...statement(60),
      number: "R-2026-000777",
      lines: statement(60).lines.map((row, i) => ({
        ...row,
        description: `Atelier ${i + 1} – Þórunn Ægisdóttir`,
      })),
    };
    await renderInvoicePdf(first);
    const here = await renderInvoicePdf(second);
    // A new thread has rendered nothing before: the document is its first render.
    const fresh = await pool.render(second, "pdf");
    expect(Buffer.from(here).equals(Buffer.from(fresh))).toBe(true);
    const text = pageTexts(here).join(" ");
    expect(text).not.toContain("Séance n°");
    expect(text).toContain("Atelier 60 – Þórunn Ægisdóttir");
    expect(text).toContain("R-2026-000777 – Page 3 / 3");
  });
});
