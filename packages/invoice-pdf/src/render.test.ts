// Renders every kind in both locales and checks each file as a human would, with the npm
// stand-ins for the usual tools (./testing/pdf-check.ts): qpdf --check (structure), the fonts
// pdffonts would list (every one embedded DejaVu, no Helvetica fallback), the text (every
// mandatory mention of docs: shared/notes/invoices.md) and the metadata. Nothing to install.
import { beforeAll, describe, expect, test } from "vitest";
import type { DocumentKind, DocumentLocale, InvoiceDocument } from "./document.ts";
import { computeTotals, InvoiceDocumentError } from "./document.ts";
import { pdfPageCount, renderInvoicePdf } from "./render.ts";
import { exemptDocument, line, sampleDocument, tndDocument } from "./testing/fixtures.ts";
import { flatText, inspectPdf, type PdfReport, pdfProblems } from "./testing/pdf-check.ts";

const words = (text: string) => text.split(" ");

type Case = { name: string; doc: InvoiceDocument; mentions: string[]; absent?: RegExp[] };

const LABELS: Record<DocumentLocale, Record<DocumentKind, string[]>> = {
  fr: {
    invoice: [
      "Facture",
      "Date d’émission : 20 mars 2026",
      "Date de la prestation : 18 mars 2026",
      "Désignation",
      "Qté",
      ...words("Prix unitaire HT"),
      "Remise",
      "-10,00 EUR",
      "20 %",
      "5,5 %",
      "Récapitulatif TVA",
      "Total HT 215,49 EUR",
      "Total TVA 40,20 EUR",
      "Total TTC 255,69 EUR",
      "5,5 % 19,99 EUR 1,10 EUR",
      "20 % 195,50 EUR 39,10 EUR",
      "Devise : EUR",
      "Date d’échéance : 20 mars 2026",
      "Escompte pour paiement anticipé : néant",
      "Pénalités de retard : trois fois le taux d’intérêt légal",
      "Indemnité forfaitaire pour frais de recouvrement en cas de retard : 40 €",
      "Règlement : Payée",
      "Moyen de paiement : Carte bancaire (Visa •••• 4242)",
    ],
    credit_note: [
      "Avoir",
      "Avoir sur la facture n° F-2026-000123",
      "Date d’émission : 25 mars 2026",
      "Date de la prestation : 18 mars 2026",
      "Total TTC crédité 255,69 EUR",
      "Date d’échéance : 20 mars 2026",
      "Escompte pour paiement anticipé : néant",
      "Indemnité forfaitaire pour frais de recouvrement en cas de retard : 40 €",
      "Règlement : Remboursée",
    ],
    payout_statement: [
      "Relevé de versement",
      "Date d’émission : 1er avril 2026",
      "Période : 1er mars 2026 – 31 mars 2026",
      "Versé à",
      "2 mars 2026",
      "Gains bruts 240,00 EUR",
      "Commission de la plateforme déduite -48,00 EUR",
      "Net versé 192,00 EUR",
      "Moyen de paiement : Virement SEPA",
      "Payée le : 2 avril 2026",
      "Référence du virement : PO-TRX-5521",
    ],
  },
  en: {
    invoice: [
      "Invoice",
      "Issue date: 20 March 2026",
      "Date of service: 18 March 2026",
      // Column headers may wrap inside their cell: checked word by word.
      ...words("Unit price excl. VAT"),
      "Discount",
      "-EUR 10.00",
      "5.5%",
      "VAT summary",
      "Total excl. VAT EUR 215.49",
      "Total VAT EUR 40.20",
      "Total incl. VAT EUR 255.69",
      "5.5% EUR 19.99 EUR 1.10",
      "20% EUR 195.50 EUR 39.10",
      "Currency: EUR",
      "Due date: 20 March 2026",
      "Early payment discount: none",
      "Late payment penalty: three times the French legal interest rate",
      "Fixed compensation for recovery costs in case of late payment: €40",
      "Payment: Paid",
      "Method: Card (Visa •••• 4242)",
    ],
    credit_note: [
      "Credit note",
      "Credit note for invoice no. F-2026-000123",
      "Issue date: 25 March 2026",
      "Total credited incl. VAT EUR 255.69",
      "Due date: 20 March 2026",
      "Early payment discount: none",
      "Fixed compensation for recovery costs in case of late payment: €40",
      "Payment: Refunded",
    ],
    payout_statement: [
      "Payout statement",
      "Issue date: 1 April 2026",
      "Period: 1 March 2026 – 31 March 2026",
      "Paid to",
      "Gross earnings EUR 240.00",
      "Platform fee deducted -EUR 48.00",
      "Net paid EUR 192.00",
      "Method: SEPA transfer",
      "Transfer reference: PO-TRX-5521",
    ],
  },
};

/** The mentions that come from the document's own data: parties, number, line words. */
function dataMentions(doc: InvoiceDocument): string[] {
  const { seller, buyer } = doc;
  const out = [doc.number, seller.legalName, ...seller.addressLines, buyer.name];
  out.push(...(buyer.addressLines ?? []));
  for (const value of [seller.legalForm, seller.shareCapital, seller.rcs, seller.vatNumber]) {
    if (value) out.push(value);
  }
  if (seller.siren) out.push(`SIREN ${seller.siren}`);
  if (seller.siret) out.push(`SIRET ${seller.siret}`);
  if (buyer.vatNumber) out.push(buyer.vatNumber);
  if (buyer.orderNumber) out.push(buyer.orderNumber);
  // Descriptions wrap inside their cell, so check them word by word.
  for (const line of doc.lines) out.push(...line.description.split(/\s+/));
  return out;
}

const ACCENTED_FR = ["Séance", "stratégie", "cœur", "métier", "l’écoute", "Œuvres", "Bœuf", "Çà"];
const ACCENTED_EN = ["résumé", "café", "“Œuvres", "complètes”", "Bœuf", "Çà", "Église"];

const cases: Case[] = [];
for (const kind of ["invoice", "credit_note", "payout_statement"] as const) {
  for (const locale of ["fr", "en"] as const) {
    const doc = sampleDocument(kind, locale);
    const accents =
      kind === "payout_statement"
        ? ["Élodie", "Œuf", "Hélène", "Cèdres"]
        : locale === "fr"
          ? ACCENTED_FR
          : ACCENTED_EN;
    cases.push({
      name: `${kind} ${locale}`,
      doc,
      mentions: [...LABELS[locale][kind], ...dataMentions(doc), ...accents],
    });
  }
}
cases.push(
  {
    name: "TND invoice fr",
    doc: tndDocument("fr"),
    mentions: [
      "1 234,567 TND",
      "Total TVA 234,568 TND",
      "Total TTC 1 469,135 TND",
      "19 %",
      "dinar",
    ],
    absent: [/\d,\d{2} TND/],
  },
  {
    name: "TND invoice en",
    doc: tndDocument("en"),
    mentions: ["TND 1,234.567", "Total VAT TND 234.568", "Total incl. VAT TND 1,469.135", "19%"],
    absent: [/TND \d+\.\d{2}\b(?!\d)/],
  },
  {
    name: "VAT-exempt invoice fr",
    doc: exemptDocument("fr"),
    mentions: [
      "TVA non applicable, art. 293 B du CGI",
      "Total HT 70,00 EUR",
      "Net à payer 70,00 EUR",
      "Élise Mercier",
      "EI",
      "préparation d’entretien",
    ],
    // No VAT line, column, rate or summary: "TVA" only inside the exemption mention.
    absent: [/TVA(?! non applicable)/, /%/],
  },
  {
    name: "VAT-exempt invoice en",
    doc: exemptDocument("en"),
    mentions: ["TVA non applicable, art. 293 B du CGI", "Total due EUR 70.00"],
    absent: [
      /VAT summary|VAT amount|Total VAT|incl\. VAT|VAT number/,
      /TVA(?! non applicable)/,
      /%/,
    ],
  },
);

describe("rendered PDFs", () => {
  const reports = new Map<string, PdfReport>();

  beforeAll(async () => {
    for (const c of cases) reports.set(c.name, await inspectPdf(await renderInvoicePdf(c.doc)));
  }, 60_000);

  describe.each(cases)("$name", (c) => {
    test("qpdf --check passes", () => {
      const { qpdf } = reports.get(c.name)!;
      expect(qpdf.output).toContain("No syntax or stream encoding errors");
      expect(qpdf.status, qpdf.output).toBe(0);
    });

    test("every font is embedded DejaVu, no Helvetica fallback", () => {
      const { fonts } = reports.get(c.name)!;
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.map((font) => font.name).join(" ")).not.toMatch(/Helvetica|Times|Courier/);
      for (const font of fonts) {
        expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
        expect(font.embedded, font.name).toBe(true);
      }
    });

    test("the text carries every mandatory mention", () => {
      const { text } = reports.get(c.name)!;
      const missing = c.mentions.filter((mention) => !text.includes(flatText(mention)));
      expect(missing, text).toEqual([]);
      for (const pattern of c.absent ?? []) expect(text).not.toMatch(pattern);
    });

    test("the shared check finds nothing wrong", () => {
      const report = reports.get(c.name)!;
      expect(pdfProblems(report, { mentions: c.mentions, absent: c.absent })).toEqual([]);
    });
  });

  test("metadata: title = number, author = seller, dates = issuedAt, fixed producer", () => {
    expect(reports.get("invoice fr")!.info).toEqual({
      title: "F-2026-000123",
      author: "Mentora SAS",
      producer: "@mentora/invoice-pdf",
      creationDate: expect.stringMatching(/^D:20260320101500(Z|\+00'?00'?)?$/),
    });
  });
});

test("rendering the same document twice gives identical bytes", async () => {
  const doc = sampleDocument("invoice", "fr");
  const first = await renderInvoicePdf(doc);
  const second = await renderInvoicePdf(structuredClone(doc));
  expect(first.byteLength).toBeGreaterThan(1000);
  expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  // And the content does depend on the document.
  const other = await renderInvoicePdf({ ...doc, number: "F-2026-000999" });
  expect(Buffer.from(first).equals(Buffer.from(other))).toBe(false);
});

test("renderInvoicePdf refuses an inconsistent document before rendering", async () => {
  const doc = sampleDocument("credit_note", "fr");
  await expect(renderInvoicePdf({ ...doc, references: {} })).rejects.toThrow(InvoiceDocumentError);
  await expect(
    renderInvoicePdf({ ...doc, totals: { ...doc.totals, inclMinor: doc.totals.inclMinor - 1 } }),
  ).rejects.toThrow(/inclMinor/);
});

test("pages are numbered: one page in plain text, longer documents by react-pdf, page by page", async () => {
  const mupdfPages = async (bytes: Uint8Array) => {
    const report = await inspectPdf(bytes);
    return { report, pages: report.text.match(/Page \d+ \/ \d+/g) ?? [] };
  };
  const invoice = sampleDocument("invoice", "en");
  const one = await renderInvoicePdf(invoice);
  expect(pdfPageCount(one)).toBe(1);
  expect((await mupdfPages(one)).pages).toEqual(["Page 1 / 1"]);

  // 12 lines (first tried as one page) with descriptions long enough to spill onto a second
  // page, and a busy month of 60 sessions (never tried as one page).
  const long = (count: number, words: number) => {
    const lines = Array.from({ length: count }, (_, i) =>
      line(`Session ${i + 1} ${"mentoring ".repeat(words)}`.trim(), 1, 6_000, 2_000),
    );
    return { ...invoice, lines, totals: computeTotals(lines) };
  };
  for (const [doc, expected] of [
    [long(12, 60), 2],
    [long(60, 2), 3],
  ] as const) {
    const bytes = await renderInvoicePdf(doc);
    const { report, pages } = await mupdfPages(bytes);
    expect(report.qpdf.status, report.qpdf.output).toBe(0);
    expect(pdfPageCount(bytes)).toBeGreaterThanOrEqual(expected);
    const total = pdfPageCount(bytes);
    expect(pages).toEqual(Array.from({ length: total }, (_, i) => `Page ${i + 1} / ${total}`));
  }
});
