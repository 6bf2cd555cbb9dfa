import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import "./context.ts";
import { createDatabase, dropDatabase, withAdminClient } from "../admin.ts";
import { withDatabase } from "../databaseUrl.ts";
import { DbToolError } from "../errors.ts";
import { createPool, createPrismaClient, type Db, type Pool } from "../index.ts";

export type TestDatabase = {
  /** Its own database: tests using different TestDatabases never see each other's rows. */
  url: string;
  name: string;
  pool: Pool;
  /** A Prisma client on `pool`. */
  prisma: Db;
  /**
   * Optional: closes the client and pool, then drops the database. Without it the database
   * disappears with the test run (embedded cluster deleted, or dropped by prefix).
   */
  drop(): Promise<void>;
};

export type CreateTestDatabaseOptions = {
  /** false: an empty database instead of a clone of the migrated template. */
  migrated?: boolean;
  /** Clone this database instead of the migrated template (a seeded template, decision 080). */
  template?: string;
};

export function provided() {
  const adminUrl = inject("mentoraDbAdminUrl");
  if (!adminUrl) {
    throw new DbToolError(
      "createTestDatabase() needs @mentora/db's globalSetup: add `globalSetup: [globalSetupPath]` (from @mentora/db/testing/global-setup-path) to this package's vitest.config.ts",
    );
  }
  return {
    adminUrl,
    templateDb: inject("mentoraTemplateDb"),
    prefix: inject("mentoraDbRunPrefix"),
  };
}

/** A fresh database cloned from the run's migrated template (~tens of ms) or `template`. */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const { adminUrl, templateDb, prefix } = provided();
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const template = options.migrated === false ? undefined : (options.template ?? templateDb);
  // A seeded template can be a gigabyte: copied file by file (one checkpoint) instead of block
  // by block through the WAL, Postgres's default, which suits the small migrated template.
  const strategy = options.template ? "FILE_COPY" : undefined;
  await withAdminClient(adminUrl, (client) => createDatabase(client, name, { template, strategy }));

  const url = withDatabase(adminUrl, name);
  const pool = createPool(url, { max: 5 });
  const prisma = createPrismaClient({ pool });
  let dropping: Promise<void> | undefined;
  const drop = () => {
    dropping ??= (async () => {
      await prisma.$disconnect();
      await pool.end();
      await withAdminClient(adminUrl, (client) => dropDatabase(client, name));
    })();
    return dropping;
  };
  return { url, name, pool, prisma, drop };
}
