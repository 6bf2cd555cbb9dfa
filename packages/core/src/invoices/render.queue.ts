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
});
