import type { SandboxStore } from "../sandbox-store.ts";

export type StoreWrite = "insertPayment" | "updatePayment" | "insertPayout";

/**
 * Wraps a store so that the next chosen write commits and then fails, as a database call
 * whose answer is lost would: the gateway must report that as indeterminate.
 */
export function withLostWrites(inner: SandboxStore): {
  store: SandboxStore;
  loseNext(write: StoreWrite): void;
} {
  const armed = new Set<StoreWrite>();
  const lose = async <T>(write: StoreWrite, result: Promise<T>): Promise<T> => {
    const value = await result;
    if (armed.delete(write)) throw new Error(`Connection lost after ${write} committed`);
    return value;
  };
  return {
    store: {
      ...inner,
      insertPayment: (record) => lose("insertPayment", inner.insertPayment(record)),
      updatePayment: (record, version) =>
        lose("updatePayment", inner.updatePayment(record, version)),
      insertPayout: (record) => lose("insertPayout", inner.insertPayout(record)),
    },
    loseNext: (write) => {
      armed.add(write);
    },
  };
}
