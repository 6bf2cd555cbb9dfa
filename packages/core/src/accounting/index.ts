export {
  FEC_BOOK_CURRENCY,
  FEC_COLUMNS,
  type FecRequest,
  fecAmount,
  fecDate,
  fecFileName,
  fecLines,
} from "./fec.ts";
export {
  type ArchivePeriod,
  archiveFileName,
  invoiceArchive,
  SUMMARY_COLUMNS,
} from "./invoice-archive.ts";
export { adminAccountingRouter } from "./router.ts";
export { sellerSiren } from "./seller.ts";
