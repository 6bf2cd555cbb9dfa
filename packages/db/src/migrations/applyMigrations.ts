import pg from "pg";
import { defaultMigrationsDir } from "../paths.ts";
import { withSchemaEngine } from "./engineSession.ts";
import { readMigrationsList } from "./migrationsDirectory.ts";
import type { MigrationToolOptions } from "./options.ts";

/**
 * Key of the session advisory lock held while migrating (any constant bigint; "mentora" in hex).
 * Not Prisma's own 72707369: the engine may take that one on another connection.
 */
export const MIGRATION_LOCK_KEY = 0x6d656e746f7261n;

/**
 * `prisma migrate deploy`: applies the migrations the database has not seen yet, in order, and
 * returns their names. Refuses (P3009) while a previous migration is recorded as failed.
 *
 * Replicas starting together all run this: a session advisory lock makes them take turns, so
 * the first migrates and the others then find nothing pending. The engine's own lock
 * (72707369) gives up after 10 s, so a replica arriving during a long migration would fail;
 * ours waits. A session lock needs a direct connection or PgBouncer in session mode
 * (docs/deploy.md).
 */
export async function applyMigrations(options: MigrationToolOptions): Promise<string[]> {
  const migrationsList = await readMigrationsList(options.migrationsDir ?? defaultMigrationsDir);
  const lock = new pg.Client({ connectionString: options.databaseUrl });
  lock.on("error", () => {}); // a dropped connection releases the lock; the engine reports it
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    return await withSchemaEngine(options, async (engine, { filters }) => {
      const output = await engine.applyMigrations({ migrationsList, filters });
      return output.appliedMigrationNames;
    });
  } finally {
    // Ending the session releases the lock too; unlocking first frees the next replica sooner.
    await lock
      .query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()])
      .catch(() => {});
    await lock.end().catch(() => {});
  }
}
