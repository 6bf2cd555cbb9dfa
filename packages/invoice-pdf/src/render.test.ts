// Renders every kind in both locales to a temp dir and checks the files with the tools a human
// would use: qpdf --check (structure), pdffonts (every font embedded, no Helvetica fallback),
// pdftotext -layout (every mandatory mention of docs: shared/notes/invoices.md is in the text),
// pdfinfo (metadata). Outside CI a missing tool skips these with the reason; under CI it fails.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DocumentKind, DocumentLocale, InvoiceDocument } from "./document.ts";
import { InvoiceDocumentError } from "./document.ts";
import { exemptDocument, sampleDocument, tndDocument } from "./fixtures.ts";
import { renderInvoicePdf } from "./render.ts";

const TOOLS = ["qpdf", "pdffonts", "pdftotext", "pdfinfo"] as const;
const missingTools = TOOLS.filter((tool) => spawnSync(tool, ["--version"]).error !== undefined);
const skipReason =
  missingTools.length > 0 && !process.env.CI
    ? `skipped: ${missingTools.join(", ")} not on PATH (install qpdf and poppler-utils)`
    : undefined;

test("qpdf and poppler-utils are on PATH (required under CI)", (ctx) => {
  if (skipReason) ctx.skip(skipReason);
  expect(missingTools).toEqual([]);
});

function run(tool: string, args: string[]) {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const words = (text: string) => text.split(" ");

/** Whitespace runs (spaces, no-break spaces, newlines, column gaps) collapsed to one space. */
const flat = (text: string) => text.replace(/\s+/gu, " ");

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

describe.skipIf(skipReason !== undefined)(`rendered PDFs ${skipReason ?? ""}`, () => {
  let dir = "";
  const files = new Map<string, string>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "invoice-pdf-"));
    for (const [i, c] of cases.entries()) {
      const file = join(dir, `${i}.pdf`);
      writeFileSync(file, await renderInvoicePdf(c.doc));
      files.set(c.name, file);
    }
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each(cases)("$name", (c) => {
    test("qpdf --check passes", () => {
      const result = run("qpdf", ["--check", files.get(c.name)!]);
      expect(result.stdout + result.stderr).toContain("No syntax or stream encoding errors");
      expect(result.status).toBe(0);
    });

    test("every font is embedded DejaVu, no Helvetica fallback", () => {
      const result = run("pdffonts", [files.get(c.name)!]);
      expect(result.status).toBe(0);
      const rows = result.stdout.trim().split("\n").slice(2);
      expect(rows.length).toBeGreaterThan(0);
      expect(result.stdout).not.toMatch(/Helvetica|Times|Courier/);
      for (const row of rows) {
        // name type… encoding emb sub uni object ID: emb is the fifth column from the end.
        const columns = row.trim().split(/\s+/);
        expect(columns[0]).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
        expect(columns.at(-5), row).toBe("yes");
      }
    });

    test("the text carries every mandatory mention", () => {
      const result = run("pdftotext", ["-layout", "-enc", "UTF-8", files.get(c.name)!, "-"]);
      expect(result.status).toBe(0);
      const text = flat(result.stdout);
      const missing = c.mentions.filter((mention) => !text.includes(flat(mention)));
      expect(missing, text).toEqual([]);
      for (const pattern of c.absent ?? []) expect(text).not.toMatch(pattern);
    });
  });

  test("metadata: title = number, author = seller, dates = issuedAt, fixed producer", () => {
    const result = run("pdfinfo", ["-isodates", files.get("invoice fr")!]);
    expect(result.stdout).toMatch(/^Title:\s+F-2026-000123$/m);
    expect(result.stdout).toMatch(/^Author:\s+Mentora SAS$/m);
    expect(result.stdout).toMatch(/^Producer:\s+@mentora\/invoice-pdf$/m);
    expect(result.stdout).toMatch(/^CreationDate:\s+2026-03-20T10:15:00(Z|\+00)/m);
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
