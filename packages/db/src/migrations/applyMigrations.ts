import { defaultMigrationsDir } from "../paths.ts";
import { withSchemaEngine } from "./engineSession.ts";
import { readMigrationsList } from "./migrationsDirectory.ts";
import type { MigrationToolOptions } from "./options.ts";

/**
 * `prisma migrate deploy`: applies the migrations the database has not seen yet, in order, and
 * returns their names. Refuses (P3009) while a previous migration is recorded as failed.
 */
export async function applyMigrations(options: MigrationToolOptions): Promise<string[]> {
  const migrationsList = await readMigrationsList(options.migrationsDir ?? defaultMigrationsDir);
  return withSchemaEngine(options, async (engine, { filters }) => {
    const output = await engine.applyMigrations({ migrationsList, filters });
    return output.appliedMigrationNames;
  });
}
