import type { Db } from "@mentora/db";
import type { JsonValue, KeyValueEntry, KeyValueStore } from "@mentora/payment-gateway";
import { groupCommit } from "../../jobs/group-commit.ts";

type Row = { value: JsonValue; version: number };

/**
 * The state store the app lends a payment adapter (GatewayRuntime.state): rows of the
 * gateway_state table under this gateway's id, so adapters never see each other's keys, and
 * every web and worker process sees the same entries. Expiry is compared with the database's
 * clock, so processes with drifting clocks agree.
 */
export function createPgKeyValueStore(db: Db | (() => Db), gatewayId: string): KeyValueStore {
  const client = typeof db === "function" ? db : () => db;
  // null: no expiry. Milliseconds as float8, so one parameter covers both cases.
  const ttlOf = (options?: { ttlMs?: number }) => options?.ttlMs ?? null;
  const json = (value: JsonValue) => JSON.stringify(value);
  // Reads made together (a webhook storm asking the sandbox for its payments) go as one
  // statement (decision 063). A read asked after a write finished goes in a later flush, so
  // it sees that write.
  const read = groupCommit(
    async (keys: string[]) => {
      const rows = await client().$queryRaw<(Row & { key: string })[]>`
        SELECT key, value, version FROM gateway_state
        WHERE "gatewayId" = ${gatewayId} AND key = ANY(${keys}::text[])
          AND ("expiresAt" IS NULL OR "expiresAt" > now())`;
      return new Map(rows.map((row) => [row.key, { value: row.value, version: row.version }]));
    },
    { shareDuplicates: true },
  );

  return {
    async get<T extends JsonValue>(key: string) {
      const entry = await read(key);
      return entry ? ({ value: entry.value, version: entry.version } as KeyValueEntry<T>) : null;
    },
    async set(key, value, options) {
      const ttl = ttlOf(options);
      await client().$executeRaw`
        INSERT INTO gateway_state ("gatewayId", key, value, version, "expiresAt", "updatedAt")
        VALUES (${gatewayId}, ${key}, ${json(value)}::jsonb, 1,
          now() + ${ttl}::float8 * interval '1 millisecond', now())
        ON CONFLICT ("gatewayId", key) DO UPDATE SET
          value = EXCLUDED.value, version = gateway_state.version + 1,
          "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = now()`;
    },
    async add(key, value, options) {
      const ttl = ttlOf(options);
      // Inserts, or takes over an expired entry; a live one is left alone (no row returned).
      const [created] = await client().$queryRaw<Row[]>`
        INSERT INTO gateway_state ("gatewayId", key, value, version, "expiresAt", "updatedAt")
        VALUES (${gatewayId}, ${key}, ${json(value)}::jsonb, 1,
          now() + ${ttl}::float8 * interval '1 millisecond', now())
        ON CONFLICT ("gatewayId", key) DO UPDATE SET
          value = EXCLUDED.value, version = 1,
          "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = now()
        WHERE gateway_state."expiresAt" IS NOT NULL AND gateway_state."expiresAt" <= now()
        RETURNING value, version`;
      if (created) {
        return { created: true, entry: { value: created.value as typeof value, version: 1 } };
      }
      const [existing] = await client().$queryRaw<Row[]>`
        SELECT value, version FROM gateway_state WHERE "gatewayId" = ${gatewayId} AND key = ${key}`;
      if (!existing) throw new Error(`gateway_state ${gatewayId}/${key} vanished during add`);
      return {
        created: false,
        entry: { value: existing.value as typeof value, version: existing.version },
      };
    },
    async replace(key, value, version, options) {
      const ttl = ttlOf(options);
      const count = await client().$executeRaw`
        UPDATE gateway_state SET value = ${json(value)}::jsonb, version = version + 1,
          "expiresAt" = now() + ${ttl}::float8 * interval '1 millisecond', "updatedAt" = now()
        WHERE "gatewayId" = ${gatewayId} AND key = ${key} AND version = ${version}
          AND ("expiresAt" IS NULL OR "expiresAt" > now())`;
      return count === 1;
    },
    async delete(key) {
      await client().$executeRaw`
        DELETE FROM gateway_state WHERE "gatewayId" = ${gatewayId} AND key = ${key}`;
    },
  };
}
