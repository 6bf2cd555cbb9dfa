import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { issueCreditNoteForRefund, issueInvoiceForPayment } from "./issue.ts";
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
      const invoice = await issueInvoiceForPayment(services, data.paymentId);
      if (invoice) await renderInvoice(services, invoice);
      return;
    }
    const issued = await issueCreditNoteForRefund(services, data.refundId);
    if (!issued) return;
    if (issued.originalIssuedNow) await renderInvoice(services, issued.original);
    await renderInvoice(services, issued.creditNote);
  },
);
