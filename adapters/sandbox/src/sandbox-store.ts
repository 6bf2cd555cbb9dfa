import type { SandboxPaymentRecord, SandboxPayoutRecord } from "./sandbox-records.ts";

/**
 * Where the sandbox "provider" keeps its books. The app provides a database-backed one (every
 * web and worker process must see the same records); tests use createMemorySandboxStore.
 * Implementations may throw on I/O failure: the gateway treats a failed read as retryable and
 * a failed write as indeterminate (it may have committed).
 */
export interface SandboxStore {
  getPayment(id: string): Promise<SandboxPaymentRecord | null>;
  findPaymentByIdempotencyKey(idempotencyKey: string): Promise<SandboxPaymentRecord | null>;
  /** Inserts; when a record with the same idempotencyKey exists, returns it unchanged instead. */
  insertPayment(record: SandboxPaymentRecord): Promise<SandboxPaymentRecord>;
  /**
   * Replaces the record only if the stored version is still `expectedVersion` (the caller
   * passes record.version = expectedVersion + 1). False when another writer got there first.
   */
  updatePayment(record: SandboxPaymentRecord, expectedVersion: number): Promise<boolean>;
  findPayoutByIdempotencyKey(idempotencyKey: string): Promise<SandboxPayoutRecord | null>;
  /** Inserts; when a payout with the same idempotencyKey exists, returns it unchanged instead. */
  insertPayout(record: SandboxPayoutRecord): Promise<SandboxPayoutRecord>;
}

/** A store in this process's memory: tests and single-process demos only. */
export function createMemorySandboxStore(): SandboxStore {
  const payments = new Map<string, SandboxPaymentRecord>();
  const payouts = new Map<string, SandboxPayoutRecord>();
  // Copies in and out, like a database: callers never share a mutable record.
  const copy = <T>(value: T): T => structuredClone(value);
  const byKey = <T extends { idempotencyKey: string }>(rows: Map<string, T>, key: string) =>
    [...rows.values()].find((row) => row.idempotencyKey === key) ?? null;

  return {
    getPayment: async (id) => copy(payments.get(id) ?? null),
    findPaymentByIdempotencyKey: async (key) => copy(byKey(payments, key)),
    async insertPayment(record) {
      const existing = byKey(payments, record.idempotencyKey);
      if (existing) return copy(existing);
      payments.set(record.id, copy(record));
      return copy(record);
    },
    async updatePayment(record, expectedVersion) {
      if (payments.get(record.id)?.version !== expectedVersion) return false;
      payments.set(record.id, copy(record));
      return true;
    },
    findPayoutByIdempotencyKey: async (key) => copy(byKey(payouts, key)),
    async insertPayout(record) {
      const existing = byKey(payouts, record.idempotencyKey);
      if (existing) return copy(existing);
      payouts.set(record.id, copy(record));
      return copy(record);
    },
  };
}
