import { GatewayError, type ProviderPaymentStatus } from "@mentora/payment-gateway";
import type { SandboxPaymentRecord, SandboxPaymentStatus } from "./sandbox-records.ts";
import type { SandboxStore } from "./sandbox-store.ts";

/** A failed read changed nothing: retry it. */
export async function readStore<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new GatewayError(
      "retryable",
      "sandbox",
      "store_unavailable",
      "Sandbox store read failed",
      {
        cause: error,
      },
    );
  }
}

/** A failed write may have committed before its answer was lost: ask again before acting. */
export async function writeStore<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new GatewayError(
      "indeterminate",
      "sandbox",
      "store_unavailable",
      "Sandbox store write failed; it may have been applied",
      { cause: error },
    );
  }
}

export function paymentNotFound(id: string): GatewayError {
  return new GatewayError("permanent", "sandbox", "not_found", `No sandbox payment ${id}`);
}

const maxCompareAndSetAttempts = 5;

/**
 * Read, change, compare-and-set, until no other writer got in between. `change` returns the
 * next record (its version is bumped here) or null when there is nothing to change.
 */
export async function updateSandboxPayment(
  store: SandboxStore,
  id: string,
  change: (current: SandboxPaymentRecord) => SandboxPaymentRecord | null,
): Promise<{ record: SandboxPaymentRecord; changed: boolean }> {
  for (let attempt = 1; attempt <= maxCompareAndSetAttempts; attempt += 1) {
    const current = await readStore(() => store.getPayment(id));
    if (!current) throw paymentNotFound(id);
    const next = change(current);
    if (!next) return { record: current, changed: false };
    const record = { ...next, version: current.version + 1 };
    if (await writeStore(() => store.updatePayment(record, current.version))) {
      return { record, changed: true };
    }
  }
  throw new GatewayError(
    "retryable",
    "sandbox",
    "contention",
    `Sandbox payment ${id} kept changing`,
  );
}

/**
 * The guarded transition of the checkout page: only a pending payment moves, to paid or
 * declined while its lifespan lasts, to expired after.
 */
export function transitionSandboxPayment(
  store: SandboxStore,
  id: string,
  to: Exclude<SandboxPaymentStatus, "pending">,
  now: Date,
) {
  return updateSandboxPayment(store, id, (current) => {
    const lapsed = effectiveStatus(current, now) === "expired";
    const allowed = current.status === "pending" && lapsed === (to === "expired");
    return allowed ? { ...current, status: to } : null;
  });
}

/** A pending checkout past its lifespan is expired, even before anyone records it. */
export function effectiveStatus(record: SandboxPaymentRecord, now: Date): SandboxPaymentStatus {
  if (record.status === "pending" && now.getTime() >= record.expiresAt.getTime()) return "expired";
  return record.status;
}

export function providerStatusOf(record: SandboxPaymentRecord, now: Date): ProviderPaymentStatus {
  const status = effectiveStatus(record, now);
  if (status !== "succeeded") return status;
  const refunded = refundedMinor(record);
  if (refunded === 0) return "succeeded";
  return refunded >= record.amount.amountMinor ? "refunded" : "partially_refunded";
}

export function refundedMinor(record: SandboxPaymentRecord): number {
  return record.refunds.reduce((sum, refund) => sum + refund.amountMinor, 0);
}
