import { z } from "zod";
import { invoiceUrlPath } from "./access.ts";
import type { InvoiceRow } from "./issue.ts";

export const invoiceSummary = z.object({
  id: z.string(),
  kind: z.enum(["INVOICE", "CREDIT_NOTE", "PAYOUT_STATEMENT"]),
  number: z.string(),
  issuedAt: z.date(),
  currency: z.string(),
  totalMinor: z.number().int(),
  /** False until the render job has stored the PDF (the link shows "being prepared"). */
  ready: z.boolean(),
  /** The download path in the web app. */
  url: z.string(),
  paymentId: z.string().nullable(),
  /** Payout statements: the payout they document. */
  payoutId: z.string().nullable(),
  originalInvoiceId: z.string().nullable(),
});
export type InvoiceSummary = z.output<typeof invoiceSummary>;

export function toInvoiceSummary(row: InvoiceRow): InvoiceSummary {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    issuedAt: row.issuedAt,
    currency: row.currency,
    totalMinor: row.totalMinor,
    ready: row.fileKey !== null,
    url: invoiceUrlPath(row.id),
    paymentId: row.paymentId,
    payoutId: row.payoutId,
    originalInvoiceId: row.originalInvoiceId,
  };
}

export const paymentDocuments = z.object({
  paymentId: z.string(),
  invoice: invoiceSummary.nullable(),
  creditNotes: z.array(invoiceSummary),
});

/** The invoice and credit notes of each payment, in the order asked. */
export function groupByPayment(paymentIds: readonly string[], rows: readonly InvoiceRow[]) {
  return paymentIds.map((paymentId) => {
    const invoice = rows.find((row) => row.kind === "INVOICE" && row.paymentId === paymentId);
    return {
      paymentId,
      invoice: invoice ? toInvoiceSummary(invoice) : null,
      creditNotes: invoice
        ? rows
            .filter((row) => row.originalInvoiceId === invoice.id)
            .sort((a, b) => a.sequence - b.sequence)
            .map(toInvoiceSummary)
        : [],
    };
  });
}
