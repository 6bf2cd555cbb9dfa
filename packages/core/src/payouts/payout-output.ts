import { z } from "zod";
import { payoutMethodKind, payoutStatus } from "../contracts/index.ts";
import { maskedDestination, methodFromRow } from "./method.ts";
import type { PayoutRow } from "./payout-service.ts";

export { payoutMethodKind, payoutStatus };

export const payoutOutput = z.object({
  id: z.string(),
  status: payoutStatus,
  currency: z.string(),
  amountMinor: z.number().int(),
  feeMinor: z.number().int(),
  method: payoutMethodKind,
  /** The destination as shown in lists (an IBAN is masked). */
  destination: z.string(),
  attempts: z.number().int(),
  lastFailure: z.string().nullable(),
  lastFailedAt: z.date().nullable(),
  reference: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  createdAt: z.date(),
  approvedAt: z.date().nullable(),
  paidAt: z.date().nullable(),
});

export type PayoutOutput = z.infer<typeof payoutOutput>;

export function toPayoutOutput(row: PayoutRow): PayoutOutput {
  return {
    id: row.id,
    status: row.status,
    currency: row.currency,
    amountMinor: row.amountMinor,
    feeMinor: row.feeMinor,
    method: row.method,
    destination: maskedDestination(
      methodFromRow({ kind: row.method, destination: row.destination }),
    ),
    attempts: row.attempts,
    lastFailure: row.lastFailure,
    lastFailedAt: row.lastFailedAt,
    reference: row.reference,
    rejectionReason: row.rejectionReason,
    createdAt: row.createdAt,
    approvedAt: row.approvedAt,
    paidAt: row.paidAt,
  };
}
