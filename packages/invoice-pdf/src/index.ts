export type {
  Buyer,
  DocumentKind,
  DocumentLocale,
  InvoiceDocument,
  InvoiceLine,
  Payment,
  PaymentStatus,
  PaymentTerms,
  Payout,
  References,
  Seller,
  Totals,
  VatByRate,
} from "./document.ts";
export {
  assertInvoiceDocument,
  computeInclusiveTotals,
  computeTotals,
  InvoiceDocumentError,
  inclusiveLine,
  lineTotalExclMinor,
  RECOVERY_FEE_EUR,
  vatForBase,
} from "./document.ts";
export {
  buildFacturXml,
  FACTURX_FILENAME,
  FacturXError,
  facturXRepresentable,
} from "./facturx.ts";
export { FACTURX_NS, facturXXmp } from "./facturx-pdf.ts";
export { formatDate, formatMoney, formatRate } from "./format.ts";
export { FONT_FILES, invoiceElement, renderFacturXPdf, renderInvoicePdf } from "./render.ts";
