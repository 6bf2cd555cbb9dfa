import {
  createMemoryKeyValueStore,
  type JsonValue,
  type KeyValueStore,
  type PayoutDestination,
} from "@mentora/payment-gateway";
import type {
  SandboxPaymentRecord,
  SandboxPayoutRecord,
  SandboxRefundRecord,
} from "./sandbox-records.ts";

/**
 * Where the sandbox "provider" keeps its books. In the app it lives in the runtime's state
 * store (every web and worker process must see the same records); tests use
 * createMemorySandboxStore. Implementations may throw on I/O failure: the gateway treats a
 * failed read as retryable and a failed write as indeterminate (it may have committed).
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

// The keys of the books in the state store (the app's migration from the former sandbox
// tables writes the same shapes: prisma/migrations/*_gateway_state).
const paymentKey = (id: string) => `payment:${id}`;
const paymentIndexKey = (idempotencyKey: string) => `payment-key:${idempotencyKey}`;
const payoutKey = (idempotencyKey: string) => `payout-key:${idempotencyKey}`;

/**
 * The books on a KeyValueStore (the runtime's `state`). A payment is stored under its id, its
 * idempotency key points at that id; the key is claimed first (`add`), so two concurrent
 * checkouts with one key make one payment, and a crash between the two writes heals on the
 * next call. The payment's version is the entry's: updates are the store's compare-and-set.
 */
export function sandboxStoreOn(state: KeyValueStore): SandboxStore {
  async function paymentById(id: string): Promise<SandboxPaymentRecord | null> {
    const entry = await state.get<JsonValue>(paymentKey(id));
    return entry ? paymentFromJson(entry.value, entry.version) : null;
  }
  return {
    getPayment: paymentById,
    async findPaymentByIdempotencyKey(idempotencyKey) {
      const index = await state.get<string>(paymentIndexKey(idempotencyKey));
      return index ? paymentById(index.value) : null;
    },
    async insertPayment(record) {
      const claim = await state.add(paymentIndexKey(record.idempotencyKey), record.id);
      const id = claim.entry.value;
      const stored = await state.add(paymentKey(id), paymentToJson({ ...record, id }));
      return paymentFromJson(stored.entry.value, stored.entry.version);
    },
    async updatePayment(record, expectedVersion) {
      return state.replace(paymentKey(record.id), paymentToJson(record), expectedVersion);
    },
    async findPayoutByIdempotencyKey(idempotencyKey) {
      const entry = await state.get<JsonValue>(payoutKey(idempotencyKey));
      return entry ? payoutFromJson(entry.value) : null;
    },
    async insertPayout(record) {
      const stored = await state.add(payoutKey(record.idempotencyKey), payoutToJson(record));
      return payoutFromJson(stored.entry.value);
    },
  };
}

/** A store in this process's memory: tests and single-process demos only. */
export function createMemorySandboxStore(): SandboxStore {
  return sandboxStoreOn(createMemoryKeyValueStore());
}

type Json = { [key: string]: JsonValue };

function paymentToJson(record: SandboxPaymentRecord): Json {
  return {
    ...record,
    amount: { ...record.amount },
    refunds: record.refunds.map((refund) => ({
      ...refund,
      createdAt: refund.createdAt.toISOString(),
    })),
    expiresAt: record.expiresAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
  };
}

function paymentFromJson(value: JsonValue, version: number): SandboxPaymentRecord {
  const json = value as unknown as SandboxPaymentRecord & {
    refunds: (SandboxRefundRecord & { createdAt: string })[];
    expiresAt: string;
    createdAt: string;
  };
  return {
    ...json,
    refunds: json.refunds.map((refund) => ({ ...refund, createdAt: new Date(refund.createdAt) })),
    expiresAt: new Date(json.expiresAt),
    createdAt: new Date(json.createdAt),
    version,
  };
}

function payoutToJson(record: SandboxPayoutRecord): Json {
  return {
    ...record,
    amount: { ...record.amount },
    destination: { ...record.destination } as Json,
    createdAt: record.createdAt.toISOString(),
  };
}

function payoutFromJson(value: JsonValue): SandboxPayoutRecord {
  const json = value as unknown as SandboxPayoutRecord & {
    createdAt: string;
    destination: PayoutDestination;
  };
  return { ...json, createdAt: new Date(json.createdAt) };
}
