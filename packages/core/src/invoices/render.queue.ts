import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

const renderSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("invoice"), paymentId: z.string() }),
  z.object({ kind: z.literal("credit_note"), refundId: z.string() }),
  z.object({ kind: z.literal("document"), invoiceId: z.string() }),
]);

export type InvoiceRenderData = z.output<typeof renderSchema>;

/** What producers send; `invoiceRenderJob` in render.job.ts handles it. */
export const invoiceRenderQueue = defineQueue({
  name: "invoice.render",
  schema: renderSchema,
  queue: { retryLimit: 10, retryDelay: 30, retryBackoff: true, deadLetter: "invoice.render.dead" },
  // Rendering is CPU-bound on the worker's event loop: 4 in flight overlap its database reads
  // and file writes without queueing renders behind each other (decision 026).
  work: { concurrency: 2, batchSize: 2 },
});
