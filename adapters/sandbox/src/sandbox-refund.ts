import { randomUUID } from "node:crypto";
import { GatewayError, type RefundInput, type RefundResult } from "@mentora/payment-gateway";
import { sendSandboxWebhook } from "./sandbox-delivery.ts";
import { refundEvent } from "./sandbox-events.ts";
import { nowOf, type SandboxOptions } from "./sandbox-options.ts";
import type { SandboxRefundRecord } from "./sandbox-records.ts";
import { refundedMinor, updateSandboxPayment } from "./store-calls.ts";

const refused = (code: string, message: string) =>
  new GatewayError("permanent", "sandbox", code, message);

/** Refunds at once; the same idempotency key returns the first refund instead of a second. */
export async function refundSandboxPayment(
  options: SandboxOptions,
  input: RefundInput,
): Promise<RefundResult> {
  const { amountMinor, currency } = input.amount;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw refused("invalid_amount", "A refund needs a positive amount");
  }
  const now = nowOf(options);
  let refund: SandboxRefundRecord | undefined;
  const { record, changed } = await updateSandboxPayment(
    options.store,
    input.providerPaymentId,
    (current) => {
      const earlier = current.refunds.find((r) => r.idempotencyKey === input.idempotencyKey);
      if (earlier) {
        if (earlier.amountMinor !== amountMinor || earlier.refundId !== input.refundId) {
          throw refused("idempotency_key_reused", "This refund key was used for another refund");
        }
        refund = earlier;
        return null;
      }
      if (current.status !== "succeeded") {
        throw refused("not_refundable", `A ${current.status} payment cannot be refunded`);
      }
      if (currency !== current.amount.currency) {
        throw refused("currency_mismatch", `The payment is in ${current.amount.currency}`);
      }
      if (refundedMinor(current) + amountMinor > current.amount.amountMinor) {
        throw refused("refund_exceeds_captured", "The refunds would exceed the captured amount");
      }
      refund = {
        id: `sbx_re_${randomUUID()}`,
        refundId: input.refundId,
        idempotencyKey: input.idempotencyKey,
        amountMinor,
        createdAt: now,
      };
      return { ...current, refunds: [...current.refunds, refund] };
    },
  );
  if (!refund) throw new Error("unreachable: a refund was either found or made");
  if (changed)
    await sendSandboxWebhook(options, record.webhookUrl, refundEvent(record, refund, now));
  return { providerRefundId: refund.id, status: "succeeded" };
}
