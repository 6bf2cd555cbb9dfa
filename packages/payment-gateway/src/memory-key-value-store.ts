import type { JsonValue, KeyValueEntry, KeyValueStore, KeyValueWriteOptions } from "./runtime.ts";

/**
 * A KeyValueStore in this process's memory: adapter tests and single-process demos only (the
 * app gives adapters its Postgres-backed one). Copies in and out, like a database.
 */
export function createMemoryKeyValueStore(now: () => number = Date.now): KeyValueStore {
  const entries = new Map<string, { value: JsonValue; version: number; expiresAt?: number }>();
  const copy = <T>(value: T): T => structuredClone(value);
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const expiry = (options?: KeyValueWriteOptions) =>
    options?.ttlMs === undefined ? {} : { expiresAt: now() + options.ttlMs };
  return {
    async get<T extends JsonValue>(key: string) {
      const entry = live(key);
      return entry
        ? ({ value: copy(entry.value), version: entry.version } as KeyValueEntry<T>)
        : null;
    },
    async set(key, value, options) {
      const version = (live(key)?.version ?? 0) + 1;
      entries.set(key, { value: copy(value), version, ...expiry(options) });
    },
    async add(key, value, options) {
      const existing = live(key);
      if (existing) {
        return {
          created: false,
          entry: { value: copy(existing.value), version: existing.version } as KeyValueEntry<
            typeof value
          >,
        };
      }
      entries.set(key, { value: copy(value), version: 1, ...expiry(options) });
      return { created: true, entry: { value: copy(value), version: 1 } };
    },
    async replace(key, value, version, options) {
      if (live(key)?.version !== version) return false;
      entries.set(key, { value: copy(value), version: version + 1, ...expiry(options) });
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
