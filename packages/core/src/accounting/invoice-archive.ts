import { sha256Hex } from "@mentora/files";
import { toDecimalString } from "@mentora/payment-gateway";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import type { AppServices } from "../app/types.ts";
import { csvRow } from "../csv/index.ts";
import { documentFileName, documentOf, facturXmlOf, type InvoiceRow } from "../invoices/index.ts";

/** A period of issue dates: from `from` 00:00 UTC to the end of `to` (UTC, like the documents). */
export interface ArchivePeriod {
  /** "2026-01-01" */
  from: string;
  /** "2026-03-31", included. */
  to: string;
}

const PAGE = 50;

/** `accounting-2026-01-01_2026-03-31.zip` */
export function archiveFileName(period: ArchivePeriod): string {
  return `accounting-${period.from}_${period.to}.zip`;
}

export function periodBounds(period: ArchivePeriod): { gte: Date; lt: Date } {
  const gte = new Date(`${period.from}T00:00:00.000Z`);
  const lt = new Date(`${period.to}T00:00:00.000Z`);
  lt.setUTCDate(lt.getUTCDate() + 1);
  return { gte, lt };
}

const folderOf = (row: Pick<InvoiceRow, "kind">) =>
  row.kind === "CREDIT_NOTE" ? "credit-notes" : "invoices";

export const SUMMARY_COLUMNS = [
  "number",
  "kind",
  "issuedAt",
  "originalInvoiceNumber",
  "buyerName",
  "buyerVatNumber",
  "buyerSiren",
  "buyerSiret",
  "orderNumber",
  "currency",
  "totalExcl",
  "totalVat",
  "totalIncl",
  "pdf",
  "xml",
] as const;

/**
 * The invoices and credit notes issued in a period, a page at a time in issue order (keyset on
 * issuedAt, id), with a snapshot bound (`before`) so both passes of the archive see the same set.
 */
async function* documentsOf(
  prisma: AppServices["prisma"],
  period: ArchivePeriod,
  before: Date,
): AsyncGenerator<InvoiceRow> {
  const { gte, lt } = periodBounds(period);
  const until = lt < before ? lt : before;
  let after: { issuedAt: Date; id: string } | null = null;
  for (;;) {
    const cursor: { issuedAt: Date; id: string } | null = after;
    const rows: InvoiceRow[] = await prisma.invoice.findMany({
      where: {
        kind: { in: ["INVOICE", "CREDIT_NOTE"] },
        issuedAt: { gte, lt: until },
        ...(cursor
          ? {
              OR: [
                { issuedAt: { gt: cursor.issuedAt } },
                { issuedAt: cursor.issuedAt, id: { gt: cursor.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
      take: PAGE,
    });
    for (const row of rows) yield row;
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = { issuedAt: last.issuedAt, id: last.id };
  }
}

type PdfState = "ok" | "not_rendered" | "integrity_error";

/** The stored PDF if its bytes still match the sha256 recorded at render; never a tampered one. */
async function storedPdf(
  services: Pick<AppServices, "files" | "logger">,
  row: InvoiceRow,
): Promise<{ state: PdfState; bytes?: Uint8Array }> {
  if (!row.fileKey || !row.sha256) return { state: "not_rendered" };
  const file = await services.files.get(row.fileKey).catch(() => null);
  if (!file || sha256Hex(file.bytes) !== row.sha256) {
    services.logger.error(
      { code: "INVOICE_INTEGRITY_ERROR", invoiceId: row.id, number: row.number },
      "accounting export: stored invoice PDF missing or not matching its sha256, left out",
    );
    return { state: "integrity_error" };
  }
  return { state: "ok", bytes: file.bytes };
}

function summaryRow(row: InvoiceRow, pdf: string): string {
  const doc = documentOf(row);
  const amount = (minor: number) => toDecimalString({ amountMinor: minor, currency: doc.currency });
  const vat = doc.totals.vatByRate.reduce((sum, rate) => sum + rate.vatMinor, 0);
  const values: Record<(typeof SUMMARY_COLUMNS)[number], unknown> = {
    number: row.number,
    kind: row.kind === "CREDIT_NOTE" ? "credit_note" : "invoice",
    issuedAt: row.issuedAt.toISOString().slice(0, 10),
    originalInvoiceNumber: doc.references?.originalInvoiceNumber ?? "",
    buyerName: doc.buyer.name,
    buyerVatNumber: doc.buyer.vatNumber ?? "",
    buyerSiren: doc.buyer.siren ?? "",
    buyerSiret: doc.buyer.siret ?? "",
    orderNumber: doc.buyer.orderNumber ?? "",
    currency: doc.currency,
    totalExcl: amount(doc.totals.exclMinor),
    totalVat: amount(vat),
    totalIncl: amount(doc.totals.inclMinor),
    pdf,
    xml: `${folderOf(row)}/${documentFileName(row.number, "xml")}`,
  };
  return csvRow(SUMMARY_COLUMNS.map((column) => values[column]));
}

/**
 * The accountant's archive of a period as a ZIP stream: every invoice and credit note's PDF
 * (as stored, integrity-checked) and Factur-X XML (from the frozen snapshot), then
 * `summary.csv`, one row per document. Read a page of rows at a time and one document at a
 * time as the consumer pulls, so memory stays flat whatever the period's size (the CSV comes
 * from a second pass rather than rows kept in memory).
 */
export function invoiceArchive(
  services: Pick<AppServices, "prisma" | "files" | "logger">,
  period: ArchivePeriod,
  now = new Date(),
): ReadableStream<Uint8Array> {
  const ready: Uint8Array[] = [];
  let finished = false;
  let failure: Error | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else ready.push(chunk);
    if (final) finished = true;
  });
  const pdfStates = new Map<string, PdfState>();

  async function* steps(): AsyncGenerator<void> {
    for await (const row of documentsOf(services.prisma, period, now)) {
      const folder = folderOf(row);
      const mtime = row.issuedAt;
      const pdf = await storedPdf(services, row);
      // Only the non-"ok" states are kept (a few), for the summary's pdf column.
      if (pdf.state !== "ok") pdfStates.set(row.id, pdf.state);
      if (pdf.bytes) {
        // PDFs are compressed already: stored as they are.
        const entry = new ZipPassThrough(`${folder}/${documentFileName(row.number, "pdf")}`);
        entry.mtime = mtime;
        zip.add(entry);
        entry.push(pdf.bytes, true);
      }
      const xml = new ZipDeflate(`${folder}/${documentFileName(row.number, "xml")}`, { level: 6 });
      xml.mtime = mtime;
      zip.add(xml);
      xml.push(new TextEncoder().encode(await facturXmlOf(services, row)), true);
      yield;
    }
    const summary = new ZipDeflate("summary.csv", { level: 6 });
    summary.mtime = now;
    zip.add(summary);
    const encoder = new TextEncoder();
    summary.push(encoder.encode(csvRow(SUMMARY_COLUMNS)));
    for await (const row of documentsOf(services.prisma, period, now)) {
      const state = pdfStates.get(row.id) ?? "ok";
      const pdf =
        state === "ok" ? `${folderOf(row)}/${documentFileName(row.number, "pdf")}` : state;
      summary.push(encoder.encode(summaryRow(row, pdf)));
      yield;
    }
    summary.push(new Uint8Array(), true);
    zip.end();
  }
  const work = steps();

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (ready.length === 0 && !finished && !failure) {
          const next = await work.next();
          if (next.done && !finished) throw new Error("ZIP writer ended without its last chunk");
        }
        if (failure) throw failure;
        const chunks = ready.splice(0);
        if (chunks.length > 0) controller.enqueue(concat(chunks));
        if (finished && ready.length === 0) controller.close();
      } catch (error) {
        services.logger.error({ err: error, period }, "accounting export failed");
        controller.error(error);
      }
    },
    async cancel() {
      await work.return(undefined);
    },
  });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
