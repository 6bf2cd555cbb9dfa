export { canRead, findReadableInvoice, invoiceUrl, invoiceUrlPath, type Viewer } from "./access.ts";
export { cleanupTempDir, invoiceCleanupTempJob } from "./cleanup-temp.job.ts";
export { enqueueCreditNoteForRefund, enqueueInvoiceForPayment } from "./enqueue.ts";
export {
  documentOf,
  type InvoiceRow,
  issueCreditNoteForRefund,
  issueInvoiceForPayment,
  issuePayoutStatement,
  retentionUntil,
} from "./issue.ts";
export { formatInvoiceNumber } from "./numbering.ts";
export { type InvoiceRenderData, invoiceRenderJob } from "./render.job.ts";
export { INVOICE_KEY_PREFIX, renderInvoice } from "./render.ts";
export { INVOICE_INTEGRITY_ERROR, invoicePdfForContext, invoicePdfResponse } from "./serve.ts";
export type { PayoutStatementInput } from "./snapshot.ts";
