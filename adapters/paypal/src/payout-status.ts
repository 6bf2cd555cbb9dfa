import type { ProviderPayout } from "@mentora/payment-gateway";
import type { PayPalErrorBody } from "./paypal-errors.ts";

/** The parts of a Payouts v1 batch (create answer or GET) that we read. */
export interface PayoutBatchBody {
  batch_header?: { payout_batch_id?: string; batch_status?: string };
  items?: { transaction_status?: string; errors?: PayPalErrorBody }[];
}

const paidItemStatuses = new Set(["SUCCESS"]);
/** REFUNDED/REVERSED: the money came back to us, so the mentor was not paid. */
const failedItemStatuses = new Set(["FAILED", "RETURNED", "BLOCKED", "REFUNDED", "REVERSED"]);
const failedBatchStatuses = new Set(["DENIED", "CANCELED"]);

/**
 * One item per batch: its transaction_status decides. UNCLAIMED (no PayPal account yet),
 * ONHOLD and PENDING stay pending; PayPal returns an unclaimed payout after 30 days.
 */
export function toProviderPayout(body: PayoutBatchBody, fallbackId = ""): ProviderPayout {
  const providerPayoutId = body.batch_header?.payout_batch_id ?? fallbackId;
  const batchStatus = body.batch_header?.batch_status ?? "PENDING";
  const item = body.items?.[0];
  const itemStatus = item?.transaction_status;
  if (itemStatus && paidItemStatuses.has(itemStatus)) return { providerPayoutId, status: "paid" };
  if ((itemStatus && failedItemStatuses.has(itemStatus)) || failedBatchStatuses.has(batchStatus)) {
    return {
      providerPayoutId,
      status: "failed",
      failureReason: item?.errors?.name ?? itemStatus ?? batchStatus,
    };
  }
  return { providerPayoutId, status: "pending" };
}
