import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/**
 * A document's PDF was stored for the first time: the invoice, credit note or payout statement
 * can be downloaded by its owner (notifications tell them).
 */
export const invoiceIssued = defineEvent({
  type: "invoice.issued",
  version: 1,
  schema: z.object({
    invoiceId: z.string(),
    kind: z.enum(["INVOICE", "CREDIT_NOTE", "PAYOUT_STATEMENT"]),
    ownerId: z.string(),
    number: z.string(),
  }),
  key: (data) => [data.invoiceId],
});
