import { randomUUID } from "node:crypto";
import {
  GatewayError,
  type PayoutDestination,
  type PayoutInput,
  type ProviderPayout,
} from "@mentora/payment-gateway";
import { sendSandboxWebhook } from "./sandbox-delivery.ts";
import { payoutEvent } from "./sandbox-events.ts";
import { nowOf, type SandboxOptions } from "./sandbox-options.ts";
import type { SandboxPayoutRecord } from "./sandbox-records.ts";
import { readStore, writeStore } from "./store-calls.ts";

/** Any destination is paid, except one whose account or email contains "fail". */
function failureOf(destination: PayoutDestination): string | undefined {
  const target =
    destination.kind === "stripe_account"
      ? destination.accountId
      : destination.kind === "paypal_email"
        ? destination.email
        : destination.account;
  return target.toLowerCase().includes("fail") ? "sandbox_destination_rejected" : undefined;
}

function toProviderPayout(record: SandboxPayoutRecord): ProviderPayout {
  return {
    providerPayoutId: record.id,
    status: record.status,
    ...(record.failureReason ? { failureReason: record.failureReason } : {}),
  };
}

export async function createSandboxPayout(
  options: SandboxOptions,
  input: PayoutInput,
  webhookUrl: string,
): Promise<ProviderPayout> {
  if (!Number.isSafeInteger(input.amount.amountMinor) || input.amount.amountMinor <= 0) {
    throw new GatewayError(
      "permanent",
      "sandbox",
      "invalid_amount",
      "A payout needs a positive amount",
    );
  }
  const earlier = await readStore(() =>
    options.store.findPayoutByIdempotencyKey(input.idempotencyKey),
  );
  if (earlier) return toProviderPayout(earlier);
  const now = nowOf(options);
  const failureReason = failureOf(input.destination);
  const candidate: SandboxPayoutRecord = {
    id: `sbx_po_${randomUUID()}`,
    payoutId: input.payoutId,
    idempotencyKey: input.idempotencyKey,
    amount: input.amount,
    destination: input.destination,
    status: failureReason ? "failed" : "paid",
    ...(failureReason ? { failureReason } : {}),
    webhookUrl,
    createdAt: now,
  };
  const stored = await writeStore(() => options.store.insertPayout(candidate));
  // A concurrent call with the same key won the insert: report its payout, send nothing twice.
  if (stored.id === candidate.id) {
    await sendSandboxWebhook(options, stored.webhookUrl, payoutEvent(stored, now));
  }
  return toProviderPayout(stored);
}

export async function findSandboxPayout(
  options: SandboxOptions,
  idempotencyKey: string,
): Promise<ProviderPayout | null> {
  const record = await readStore(() => options.store.findPayoutByIdempotencyKey(idempotencyKey));
  return record ? toProviderPayout(record) : null;
}
