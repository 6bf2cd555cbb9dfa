import { z } from "zod";
import { defineEvent } from "../events/index.ts";

const payoutRef = {
  payoutId: z.string(),
  mentorId: z.string(),
  currency: z.string(),
  amountMinor: z.number().int(),
};

/** A payout reached the mentor (gateway confirmed, or an admin recorded the bank transfer). */
export const payoutPaid = defineEvent({
  type: "payout.paid",
  version: 1,
  schema: z.object({ ...payoutRef, reference: z.string() }),
  key: (data) => [data.payoutId],
});

/** The gateway refused a payout attempt; it is back to REQUESTED with its reservation returned. */
export const payoutFailed = defineEvent({
  type: "payout.failed",
  version: 1,
  schema: z.object({ ...payoutRef, attempt: z.number().int(), reason: z.string() }),
  key: (data) => [data.payoutId, data.attempt],
});

/** A mentor asked for a payout: it waits for an admin's approval. */
export const payoutRequested = defineEvent({
  type: "payout.requested",
  version: 1,
  schema: z.object(payoutRef),
  key: (data) => [data.payoutId],
});

/** An admin approved a payout (again after a failed attempt: `attempt` is the next one). */
export const payoutApproved = defineEvent({
  type: "payout.approved",
  version: 1,
  schema: z.object({ ...payoutRef, attempt: z.number().int() }),
  key: (data) => [data.payoutId, data.attempt],
});
