import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/** A provider opened a dispute (chargeback) on a payment: admins are told. */
export const disputeOpened = defineEvent({
  type: "dispute.opened",
  version: 1,
  schema: z.object({
    disputeId: z.string(),
    paymentId: z.string(),
    currency: z.string(),
    amountMinor: z.number().int(),
  }),
  key: (data) => [data.disputeId],
});
