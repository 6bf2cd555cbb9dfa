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
  // Rendering runs in the render threads (one per core, decision 054): 8 in flight keep them
  // busy while other jobs issue, store and record (database and file work on the event loop);
  // more would only queue in the pool holding database connections.
  work: { concurrency: 4, batchSize: 2 },
});
