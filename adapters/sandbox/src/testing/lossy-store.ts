import type { SandboxStore } from "../sandbox-store.ts";

export type StoreWrite = "insertPayment" | "updatePayment" | "insertPayout";

/**
 * Wraps a store so that the next chosen write commits and then fails, as a database call
 * whose answer is lost would: the gateway must report that as indeterminate.
 */
export function withLostWrites(inner: SandboxStore): {
  store: SandboxStore;
  loseNext(write: StoreWrite): void;
  /** The next store call (any) fails before reaching the store, as an unavailable database. */
  failNext(): void;
  /** Store calls so far: the sandbox's "requests to its provider". */
  calls(): number;
} {
  let calls = 0;
  let failing = false;
  const counted =
    <A extends unknown[], T>(call: (...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      calls += 1;
      if (failing) {
        failing = false;
        throw new Error("Store unavailable (injected)");
      }
      return call(...args);
    };
  const armed = new Set<StoreWrite>();
  const lose = async <T>(write: StoreWrite, result: Promise<T>): Promise<T> => {
    const value = await result;
    if (armed.delete(write)) throw new Error(`Connection lost after ${write} committed`);
    return value;
  };
  return {
    store: {
      getPayment: counted(inner.getPayment),
      findPaymentByIdempotencyKey: counted(inner.findPaymentByIdempotencyKey),
      findPayoutByIdempotencyKey: counted(inner.findPayoutByIdempotencyKey),
      insertPayment: counted((record) => lose("insertPayment", inner.insertPayment(record))),
      updatePayment: counted((record, version) =>
        lose("updatePayment", inner.updatePayment(record, version)),
      ),
      insertPayout: counted((record) => lose("insertPayout", inner.insertPayout(record))),
    },
    loseNext: (write) => {
      armed.add(write);
    },
    failNext: () => {
      failing = true;
    },
    calls: () => calls,
  };
}
