import path from "node:path";
import { redactUrl } from "../databaseUrl.ts";
import { DbToolError } from "../errors.ts";
import { defaultMigrationsDir } from "../paths.ts";
import { withSchemaEngine } from "./engineSession.ts";
import { readMigrationsList, writeMigration } from "./migrationsDirectory.ts";
import type { MigrationToolOptions } from "./options.ts";

export type CreateMigrationResult =
  | { created: false; appliedMigrations: string[] }
  | {
      created: true;
      /** Directory name, e.g. `20261122041600_init`. */
      name: string;
      /** Absolute path of the new migration.sql. */
      file: string;
      script: string;
      appliedMigrations: string[];
    };

/** Prisma's own rule for the name part of a migration directory. */
function normaliseName(name: string): string {
  const normalised = name
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!normalised) throw new DbToolError(`"${name}" is not a usable migration name`);
  return normalised.slice(0, 200);
}

/**
 * `prisma migrate dev --create-only`: brings the database up to date with the existing
 * migrations, then writes a new migration from the difference between the migrations
 * (replayed on a shadow database) and schema.prisma. Writes nothing when there is no difference.
 */
export async function createMigration(
  options: MigrationToolOptions & { name: string },
): Promise<CreateMigrationResult> {
  const migrationName = normaliseName(options.name);
  const migrationsDir = path.resolve(options.migrationsDir ?? defaultMigrationsDir);
  const migrationsList = await readMigrationsList(migrationsDir);

  return withSchemaEngine(options, async (engine, { schema, filters }) => {
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters });
    if (diagnostic.action.tag === "reset") {
      throw new DbToolError(
        `the database ${redactUrl(options.databaseUrl)} does not match the migrations, so no migration was created: ${diagnostic.action.reason.replace(/\s*\n\s*/g, " ")}. Fix the database by hand or recreate it (the embedded dev cluster: delete .data/postgres)`,
      );
    }
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters });
    // createMigration fails with "shadow DB must be provided through an external factory"
    // unless devDiagnostic ran right before it: applyMigrations in between is enough to break
    // it, so diagnose again.
    await engine.devDiagnostic({ migrationsList, filters });
    const output = await engine.createMigration({
      draft: false,
      migrationName,
      migrationsList,
      schema,
      filters,
    });
    if (!output.migrationScript)
      return { created: false, appliedMigrations: appliedMigrationNames };
    const file = await writeMigration(
      migrationsDir,
      output.generatedMigrationName,
      output.migrationScript,
    );
    return {
      created: true,
      name: output.generatedMigrationName,
      file,
      script: output.migrationScript,
      appliedMigrations: appliedMigrationNames,
    };
  });
}
