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
  // Rendering runs in the render threads (one per core, decision 054). The jobs of a batch
  // issue together and record together (group commit, decision 073), so a batch of 8 makes one
  // issuing and a few recording transactions, holding no connection while it renders; two
  // pollers keep the threads busy while the other batch issues or is fetched (decision 073:
  // 2 × 8 took the job's own cost from 13.7 to 2.3 statements and 5.7 to 3.2 ms of CPU).
  work: { concurrency: 2, batchSize: 8 },
});
