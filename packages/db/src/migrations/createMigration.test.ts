import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { createTestDatabase } from "../testing/index.ts";
import { checkSchema, createMigration } from "./index.ts";
import { copyOfMigrations, schemaWithExtraModel } from "./schemaFixtures.ts";

describe("createMigration", () => {
  test("writes nothing when schema.prisma matches the migrations", async () => {
    const db = await createTestDatabase();
    const migrationsDir = await copyOfMigrations();
    const before = await readdir(migrationsDir);

    const result = await createMigration({ databaseUrl: db.url, name: "nothing", migrationsDir });

    expect(result.created).toBe(false);
    expect(await readdir(migrationsDir)).toEqual(before);
  });

  test("writes the SQL for a new model, which then satisfies checkSchema once applied", async () => {
    const db = await createTestDatabase({ migrated: false });
    const migrationsDir = await copyOfMigrations();
    const schemaPath = await schemaWithExtraModel();

    const result = await createMigration({
      databaseUrl: db.url,
      name: "add extra thing",
      schemaPath,
      migrationsDir,
    });

    if (!result.created) throw new Error("expected a migration");
    expect(result.name).toMatch(/^\d{14}_add_extra_thing$/);
    expect(path.dirname(path.dirname(result.file))).toBe(migrationsDir);
    expect(await readFile(result.file, "utf8")).toContain('CREATE TABLE "ExtraThing"');
    expect(result.appliedMigrations.length).toBeGreaterThan(0); // pending ones first, as migrate dev
    const check = await checkSchema({ databaseUrl: db.url, schemaPath, migrationsDir });
    expect(check.problems.map((problem) => problem.kind)).toEqual(["pending-migrations"]);
  });
});
