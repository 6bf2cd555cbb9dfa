// The task a render thread runs (render-pool.ts): the same renderers as in-process, so a
// document rendered here has the same bytes.
import type { InvoiceDocument } from "./document.ts";
import { renderFacturXPdf, renderInvoicePdf } from "./render.ts";

export type RenderFormat = "pdf" | "facturx";

export interface RenderTask {
  format: RenderFormat;
  doc: InvoiceDocument;
}

export default async function renderInThread({ format, doc }: RenderTask): Promise<Uint8Array> {
  return format === "facturx" ? (await renderFacturXPdf(doc)).pdf : renderInvoicePdf(doc);
}
