import path from "node:path";
import type { DiagnoseMigrationHistoryOutput } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { defaultMigrationsDir, defaultSchemaPath, repoRoot } from "../paths.ts";
import { type EngineContext, withSchemaEngine } from "./engineSession.ts";
import { readMigrationsList } from "./migrationsDirectory.ts";
import type { MigrationToolOptions } from "./options.ts";

export type SchemaProblemKind =
  | "schema-not-migrated"
  | "pending-migrations"
  | "unknown-migrations"
  | "failed-migrations"
  | "edited-migrations"
  | "broken-migrations"
  | "drift";

export type SchemaProblem = {
  kind: SchemaProblemKind;
  /** One line for a human, saying what to do. */
  message: string;
  /** The engine's multi-line summary, when it gave one (tables and columns involved). */
  details?: string;
};

export type CheckSchemaResult = { ok: boolean; problems: SchemaProblem[] };

/**
 * Do schema.prisma, the migrations folder and the database agree? Three engine checks, as
 * `prisma migrate diff --exit-code`, `migrate status` and `migrate dev` make them:
 * - diff (migrations replayed on a shadow database → schema.prisma) must be empty;
 * - diagnoseMigrationHistory: no pending, unknown, failed or edited migrations;
 * - devDiagnostic: no drift (changes made to the database outside migrations).
 */
export async function checkSchema(options: MigrationToolOptions): Promise<CheckSchemaResult> {
  const schemaPath = path.resolve(options.schemaPath ?? defaultSchemaPath);
  const migrationsList = await readMigrationsList(options.migrationsDir ?? defaultMigrationsDir);
  // The engine cannot read an empty folder ("missing migration_lock.toml"): diff from nothing.
  const noMigrations =
    migrationsList.migrationDirectories.length === 0 && migrationsList.lockfile.content === null;

  return withSchemaEngine({ ...options, schemaPath }, async (engine, context) => {
    const { schema, filters } = context;
    // First the check that needs no shadow database: a connection problem stops here.
    const history = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters,
    });
    const problems = historyProblems(history);

    // The next two replay the migrations on a shadow database; a migration that does not
    // replay (P3006) is a problem to list, not a reason to stop.
    const diff = await engine
      .diff({
        from: noMigrations ? { tag: "empty" } : { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", ...schema },
        script: false,
        exitCode: true,
        filters,
      })
      .catch((error: unknown) => replayProblem(error, context));
    if ("kind" in diff) problems.push(diff);
    else if (diff.exitCode !== 0) {
      problems.push({
        kind: "schema-not-migrated",
        message: `${displayPath(schemaPath)} has changes that no migration contains: create one with \`pnpm db:migration <name>\``,
        details: diff.stdout?.trim() || undefined,
      });
    }

    const dev = await engine
      .devDiagnostic({ migrationsList, filters })
      .catch((error: unknown) => replayProblem(error, context));
    if ("kind" in dev) {
      if (!problems.some((problem) => problem.message === dev.message)) problems.push(dev);
    } else if (dev.action.tag === "reset") {
      const drift = driftSummary(dev.action.reason);
      if (drift !== undefined) {
        problems.push({
          kind: "drift",
          message:
            "the database schema differs from what the migrations produce (changed outside migrations): put the change in a migration, or recreate the database",
          details: drift || undefined,
        });
      } else if (problems.length === 0) {
        problems.push({ kind: "drift", message: oneLine(dev.action.reason) });
      }
    }

    return { ok: problems.length === 0, problems };
  });
}

/** P3006 (a migration failed on the shadow database) is a finding; anything else stops. */
function replayProblem(error: unknown, context: EngineContext): SchemaProblem {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  if (code !== "P3006") throw error;
  return {
    kind: "broken-migrations",
    message: `the migrations do not replay on an empty database: ${context.explain(error)}`,
  };
}

function displayPath(file: string): string {
  const relative = path.relative(repoRoot, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function historyProblems(history: DiagnoseMigrationHistoryOutput): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const diagnostic = history.history;
  const unapplied =
    diagnostic?.diagnostic === "databaseIsBehind" || diagnostic?.diagnostic === "historiesDiverge"
      ? diagnostic.unappliedMigrationNames
      : [];
  const unknown =
    diagnostic?.diagnostic === "migrationsDirectoryIsBehind" ||
    diagnostic?.diagnostic === "historiesDiverge"
      ? diagnostic.unpersistedMigrationNames
      : [];
  if (unapplied.length > 0) {
    problems.push({
      kind: "pending-migrations",
      message: `the database has not applied ${list(unapplied)}: run \`pnpm db:migrate\``,
    });
  }
  if (unknown.length > 0) {
    problems.push({
      kind: "unknown-migrations",
      message: `the database has applied ${list(unknown)}, missing from the migrations folder (deleted, renamed, or from another branch)`,
    });
  }
  if (history.failedMigrationNames.length > 0) {
    problems.push({
      kind: "failed-migrations",
      message: `${list(history.failedMigrationNames)} failed in the database: fix the database by hand and delete the failed row from _prisma_migrations, or recreate the database`,
    });
  }
  if (history.editedMigrationNames.length > 0) {
    problems.push({
      kind: "edited-migrations",
      message: `${list(history.editedMigrationNames)} changed after being applied: restore the applied version (git) and put the change in a new migration`,
    });
  }
  return problems;
}

/**
 * The engine's list of drifted tables and columns ("[*] Changed the `user` table…"), without
 * its introduction; undefined when the reset reason is not drift.
 */
function driftSummary(reason: string): string | undefined {
  const at = reason.indexOf("Drift detected");
  if (at === -1) return undefined;
  const lines = reason.slice(at).split("\n");
  const firstItem = lines.findIndex((line) => /^\s*\[/.test(line));
  return firstItem === -1 ? "" : lines.slice(firstItem).join("\n").trim();
}

function list(names: string[]): string {
  return `${names.length === 1 ? "migration" : `${names.length} migrations`} ${names.join(", ")}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
