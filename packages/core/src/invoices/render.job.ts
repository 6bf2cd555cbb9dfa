import { z } from "zod";
import { defineJob } from "../jobs/define.ts";
import { issueCreditNoteForRefund, issueInvoiceForPayment } from "./issue.ts";
import { renderInvoice } from "./render.ts";

const renderSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("invoice"), paymentId: z.string() }),
  z.object({ kind: z.literal("credit_note"), refundId: z.string() }),
  z.object({ kind: z.literal("document"), invoiceId: z.string() }),
]);

export type InvoiceRenderData = z.output<typeof renderSchema>;

/**
 * Issues (step 1, idempotent: one document per source) then renders (step 2, guarded: the
 * first PDF is kept, later renders only verify it). A credit note whose invoice is not issued
 * yet issues the invoice first, so the reference it prints exists.
 */
export const invoiceRenderJob = defineJob({
  name: "invoice.render",
  schema: renderSchema,
  queue: { retryLimit: 10, retryDelay: 30, retryBackoff: true, deadLetter: "invoice.render.dead" },
  async handle(data, services) {
    if (data.kind === "document") {
      await renderInvoice(services, data.invoiceId);
      return;
    }
    if (data.kind === "invoice") {
      const invoice = await issueInvoiceForPayment(services, data.paymentId);
      if (invoice) await renderInvoice(services, invoice.id);
      return;
    }
    const issued = await issueCreditNoteForRefund(services, data.refundId);
    if (!issued) return;
    if (issued.originalIssuedNow) await renderInvoice(services, issued.original.id);
    await renderInvoice(services, issued.creditNote.id);
  },
});
