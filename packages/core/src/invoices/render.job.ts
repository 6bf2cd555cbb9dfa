import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { groupCommit } from "../jobs/group-commit.ts";
import { type InvoiceRow, issueCreditNoteForRefund, issueInvoicesForPayments } from "./issue.ts";
import { invoiceRenderQueue } from "./render.queue.ts";
import { renderInvoice } from "./render.ts";

/**
 * Issues (step 1, idempotent: one document per source) then renders (step 2, guarded: the
 * first PDF is kept, later renders only verify it). A credit note whose invoice is not issued
 * yet issues the invoice first, so the reference it prints exists.
 */
export const invoiceRenderJob = defineHandler(
  invoiceRenderQueue,
  async (data, services: AppServices) => {
    if (data.kind === "document") {
      await renderInvoice(services, data.invoiceId);
      return;
    }
    if (data.kind === "invoice") {
      const invoice = await issuerOf(services)(data.paymentId);
      if (invoice) await renderInvoice(services, invoice);
      return;
    }
    const issued = await issueCreditNoteForRefund(services, data.refundId);
    if (!issued) return;
    if (issued.originalIssuedNow) await renderInvoice(services, issued.original);
    await renderInvoice(services, issued.creditNote);
  },
);

/**
 * The invoices of the payments whose jobs are in flight, issued together (decision 073): one
 * transaction of five statements per flush (issueInvoicesForPayments) instead of six each, and
 * the numbering lock taken once for all of them. Jobs of one payment share its answer.
 */
function issuerOf(services: AppServices): (paymentId: string) => Promise<InvoiceRow | null> {
  let issuer = issuers.get(services.prisma);
  if (!issuer) {
    issuer = groupCommit((paymentIds: string[]) => issueInvoicesForPayments(services, paymentIds), {
      missing: (paymentId) => new Error(`no payment ${paymentId} to invoice`),
      shareDuplicates: true,
    });
    issuers.set(services.prisma, issuer);
  }
  return issuer;
}
const issuers = new WeakMap<
  AppServices["prisma"],
  (paymentId: string) => Promise<InvoiceRow | null>
>();
