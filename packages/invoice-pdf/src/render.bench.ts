import { Document, Page, renderToBuffer, Text } from "@react-pdf/renderer";
import React from "react";
import { test } from "vitest";
import { computeTotals, type InvoiceDocument, type InvoiceLine } from "./document.ts";
import { FONT_FAMILY, renderFacturXPdf, renderInvoicePdf } from "./render.ts";
import { line, sampleDocument } from "./testing/fixtures.ts";

// What issuing a document costs core: one render per invoice, credit note or payout statement
// (fonts are parsed once per process; each render subsets and embeds them again).
const invoice = sampleDocument("invoice", "fr");

// A busy mentor's month: 60 sessions, three pages; and a year of them: 470 sessions, 20 pages
// (the cost per page must stay that of the 3-page statement: linear in pages).
function statement(count: number): InvoiceDocument {
  const sessions: InvoiceLine[] = Array.from({ length: count }, (_, i) => ({
    ...line(`Séance n° ${i + 1} – mentorat produit`, 1, 6_000, 0),
    date: `2026-03-${String((i % 28) + 1).padStart(2, "0")}`,
  }));
  const base = sampleDocument("payout_statement", "fr");
  const totals = computeTotals(sessions);
  return {
    ...base,
    lines: sessions,
    totals,
    payout: { ...base.payout!, feeMinor: 72_000, netMinor: totals.inclMinor - 72_000 },
  };
}
const payout = statement(60);
const payoutYear = statement(470);

// The floor: the cheapest one-page PDF with the same embedded font (issue #14: 3.3 ms).
const h = React.createElement;
const minimal = h(
  Document,
  null,
  h(Page, { size: "A4", style: { fontFamily: FONT_FAMILY } }, h(Text, null, "Facture F-2026-0001")),
);

test("renderInvoicePdf", async ({ bench }) => {
  await bench.compare(
    bench("floor: a minimal one-page document, same font", async () => {
      await renderToBuffer(minimal);
    }),
    // Drawn directly on pdfkit since decision 075 (one page).
    bench("invoice, 3 lines", async () => {
      await renderInvoicePdf(invoice);
    }),
    // The same invoice through react-pdf: the path before 075, still every multi-page document's.
    bench("invoice, 3 lines, react-pdf (before 075)", async () => {
      await renderInvoicePdf(invoice, "react-pdf");
    }),
    // What issuing an invoice costs since Factur-X: PDF/A-3b render, XML build, pdf-lib embed.
    bench("invoice, 3 lines, Factur-X (PDF/A-3b + XML)", async () => {
      await renderFacturXPdf(invoice);
    }),
    bench("payout statement, 60 lines (3 pages)", async () => {
      await renderInvoicePdf(payout);
    }),
    bench("payout statement, 470 lines (20 pages)", async () => {
      await renderInvoicePdf(payoutYear);
    }),
    // tinybench's default 64 iterations (+16 warm-up) of a 3-page render is a minute on these
    // machines: a few renders give a steady median (pnpm bench takes medians over rounds too).
    { iterations: process.env.BENCH_QUICK ? 8 : 16, warmupIterations: 3 },
  );
});
