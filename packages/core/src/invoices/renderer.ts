import type { InvoiceDocument } from "@mentora/invoice-pdf";
import type { RenderFormat, RenderPool } from "@mentora/invoice-pdf/render-pool";

/** Renders invoice documents to PDF bytes, off the event loop (decision 054). */
export interface InvoiceRenderer {
  render(doc: InvoiceDocument, format: RenderFormat): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * The process's render threads, started on the first render: only the worker renders, so the
 * web app never loads react-pdf nor starts a thread. `threads` unset: one per core.
 */
export function createInvoiceRenderer(options: { threads?: number }): InvoiceRenderer {
  let pool: Promise<RenderPool> | undefined;
  return {
    async render(doc, format) {
      pool ??= import("@mentora/invoice-pdf/render-pool").then(({ createRenderPool }) =>
        createRenderPool({ threads: options.threads }),
      );
      return (await pool).render(doc, format);
    },
    async close() {
      if (pool) await (await pool).close();
    },
  };
}
