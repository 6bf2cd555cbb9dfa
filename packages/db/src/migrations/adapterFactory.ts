import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { createDatabase, dropDatabase, withAdminClient } from "../admin.ts";
import { redactUrl, withDatabase } from "../databaseUrl.ts";
import { DbToolError, describeError } from "../errors.ts";
import { reportCharAsText, withMigrationFixes } from "./charColumns.ts";

export type MigrationAdapters = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Ends every pool and drops any shadow database still there. */
  close(): Promise<void>;
};

/**
 * Driver adapters for the schema engine, with our own shadow databases: PrismaPg's
 * connectToShadowDb() builds its shadow pool from the main config, whose connectionString
 * still names the main database, so "shadow" migrations would run on the real one.
 */
export function createMigrationAdapters(databaseUrl: string): MigrationAdapters {
  const pools = new Set<pg.Pool>();
  const shadowDatabases = new Set<string>();

  async function connectTo(url: string): Promise<{ adapter: SqlDriverAdapter; pool: pg.Pool }> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on("connect", reportCharAsText);
    pool.on("error", () => {}); // an idle connection dropped: pg-pool already discarded it
    pools.add(pool);
    const adapter = await new PrismaPg(pool).connect();
    return { adapter: withMigrationFixes(adapter, pool), pool };
  }

  async function endPool(pool: pg.Pool): Promise<void> {
    if (pools.delete(pool)) await pool.end();
  }

  async function dropShadow(name: string): Promise<void> {
    await withAdminClient(databaseUrl, (client) => dropDatabase(client, name));
    shadowDatabases.delete(name);
  }

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => (await connectTo(databaseUrl)).adapter,
    connectToShadowDb: async () => {
      const name = `mentora_shadow_${randomBytes(6).toString("hex")}`;
      await withAdminClient(databaseUrl, (client) => createDatabase(client, name)).catch(
        (error: unknown) => {
          throw new DbToolError(
            `could not create a shadow database next to ${redactUrl(databaseUrl)} (the user needs CREATEDB): ${describeError(error)}`,
          );
        },
      );
      shadowDatabases.add(name);
      const { adapter, pool } = await connectTo(withDatabase(databaseUrl, name));
      const shadow: SqlDriverAdapter = Object.create(adapter);
      shadow.dispose = async () => {
        await endPool(pool);
        await dropShadow(name);
      };
      return shadow;
    },
  };

  return {
    factory,
    async close() {
      await Promise.all([...pools].map(endPool));
      await Promise.all([...shadowDatabases].map(dropShadow));
    },
  };
}
