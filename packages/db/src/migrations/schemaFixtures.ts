import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import { defaultMigrationsDir, defaultSchemaPath } from "../paths.ts";

// Test helpers: every directory they create is removed when the calling test finishes.

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of schema.prisma with one more model, which no migration creates. */
export async function schemaWithExtraModel(): Promise<string> {
  const dir = await tempDir("mentora-schema-");
  const schemaPath = path.join(dir, "schema.prisma");
  const schema = await readFile(defaultSchemaPath, "utf8");
  await writeFile(schemaPath, `${schema}\nmodel ExtraThing {\n  id String @id\n}\n`);
  return schemaPath;
}

/** A copy of the committed migrations folder that a test may add migrations to. */
export async function copyOfMigrations(): Promise<string> {
  const dir = await tempDir("mentora-migrations-");
  await cp(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

export async function addMigration(migrationsDir: string, name: string, sql: string) {
  await mkdir(path.join(migrationsDir, name), { recursive: true });
  await writeFile(path.join(migrationsDir, name, "migration.sql"), sql);
}
