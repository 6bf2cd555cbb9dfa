export { canRead, findReadableInvoice, invoiceUrl, invoiceUrlPath, type Viewer } from "./access.ts";
export { invoicesConfig, VAT_EXEMPTION_MENTION } from "./config.ts";
export { enqueueCreditNoteForRefund, enqueueInvoiceForPayment } from "./enqueue.ts";
export { invoiceIssued } from "./events.ts";
export {
  documentOf,
  type InvoiceRow,
  issueCreditNoteForRefund,
  issueInvoiceForPayment,
  issuePayoutStatement,
  retentionUntil,
} from "./issue.ts";
export { formatInvoiceNumber } from "./numbering.ts";
export { type InvoiceRenderData, invoiceRenderQueue } from "./render.queue.ts";
export { INVOICE_KEY_PREFIX, renderInvoice } from "./render.ts";
export { createInvoiceRenderer, type InvoiceRenderer } from "./renderer.ts";
export { INVOICE_INTEGRITY_ERROR, invoicePdfForContext, invoicePdfResponse } from "./serve.ts";
export {
  documentFileName,
  facturXmlOf,
  hasFacturXml,
  INVOICE_XML_CONTENT_TYPE,
  invoiceXmlForContext,
  invoiceXmlResponse,
} from "./serve-xml.ts";
export { type PayoutStatementInput, priceBreakdown } from "./snapshot.ts";
