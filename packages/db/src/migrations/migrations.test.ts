import { readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { defaultMigrationsDir } from "../paths.ts";
import { createTestDatabase } from "../testing/index.ts";
import { runNode } from "../testing/runNode.ts";
import { applyMigrations, checkSchema } from "./index.ts";
import { schemaWithExtraModel } from "./schemaFixtures.ts";

const migrateCli = fileURLToPath(new URL("../cli/migrate.ts", import.meta.url));

async function committedMigrations(): Promise<string[]> {
  const entries = await readdir(defaultMigrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

describe("applyMigrations", () => {
  test("applies every committed migration to an empty database, then nothing", async () => {
    const db = await createTestDatabase({ migrated: false });

    const applied = await applyMigrations({ databaseUrl: db.url });

    expect(applied).toEqual(await committedMigrations());
    expect(applied.length).toBeGreaterThan(0);
    const [row] = await db.prisma.$queryRaw<{ table: string | null }[]>`
      SELECT to_regclass('public.user')::text AS "table"`;
    expect(row?.table).toBe('"user"');
    expect(await applyMigrations({ databaseUrl: db.url })).toEqual([]);
  });
});

describe("checkSchema", () => {
  test("passes on the committed schema, migrations and a migrated database", async () => {
    const db = await createTestDatabase();

    expect(await checkSchema({ databaseUrl: db.url })).toEqual({ ok: true, problems: [] });
  });

  test("reports the migrations a database has not applied", async () => {
    const db = await createTestDatabase({ migrated: false });

    const result = await checkSchema({ databaseUrl: db.url });

    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.kind)).toEqual(["pending-migrations"]);
    expect(result.problems[0]?.message).toContain((await committedMigrations())[0]);
  });

  test("fails when schema.prisma has a model that no migration creates", async () => {
    const db = await createTestDatabase();
    const schemaPath = await schemaWithExtraModel();

    const result = await checkSchema({ databaseUrl: db.url, schemaPath });

    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.kind)).toEqual(["schema-not-migrated"]);
    expect(result.problems[0]?.details).toContain("ExtraThing");
  });
});

describe("migrate.ts check (CLI)", () => {
  test("exits 1 and lists the problem when the schema is ahead of the migrations", async () => {
    const db = await createTestDatabase();
    const schemaPath = await schemaWithExtraModel();

    const run = await runNode([migrateCli, "check", "--schema", schemaPath], {
      env: { ...process.env, DATABASE_URL: db.url },
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain("[schema-not-migrated]");
    expect(run.stdout).toContain("ExtraThing");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test("exits 0 when schema, migrations and database agree", async () => {
    const db = await createTestDatabase();

    const run = await runNode([migrateCli, "check"], {
      env: { ...process.env, DATABASE_URL: db.url },
    });

    expect(run.stdout).toContain("schema, migrations and database agree");
    expect(run.code).toBe(0);
  });

  test("an unreachable database is one error line, exit 1", async () => {
    const run = await runNode([migrateCli, "deploy"], {
      env: { ...process.env, DATABASE_URL: "postgresql://nobody:x@127.0.0.1:1/nowhere" },
    });

    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n").at(-1)).toMatch(/^error: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
