import { describe, expect, test } from "vitest";
import { createTestDatabase } from "../testing/index.ts";
import { applyMigrations, checkSchema } from "./index.ts";
import { addMigration, copyOfMigrations } from "./schemaFixtures.ts";

describe("checkSchema on a database changed outside migrations", () => {
  test("detects hand-run DDL as drift", async () => {
    const db = await createTestDatabase();
    await db.pool.query(`ALTER TABLE "user" ADD COLUMN "handMade" text`);

    const result = await checkSchema({ databaseUrl: db.url });

    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.kind)).toEqual(["drift"]);
    expect(result.problems[0]?.details).toContain("handMade");
  });

  test("detects a migration edited after it was applied", async () => {
    const db = await createTestDatabase();
    const migrationsDir = await copyOfMigrations();
    await addMigration(migrationsDir, "29990101000000_note", "CREATE TABLE note (id int);\n");
    await applyMigrations({ databaseUrl: db.url, migrationsDir });
    await addMigration(migrationsDir, "29990101000000_note", "CREATE TABLE note (id bigint);\n");

    const result = await checkSchema({ databaseUrl: db.url, migrationsDir });

    expect(result.problems.map((problem) => problem.kind)).toContain("edited-migrations");
  });
});

describe("checkSchema on a migrations folder that does not match the database", () => {
  test("reports a migration the database applied but the folder no longer has", async () => {
    const db = await createTestDatabase();
    const migrationsDir = await copyOfMigrations();
    await addMigration(migrationsDir, "29990101000000_gone", "CREATE TABLE gone (id int);\n");
    await applyMigrations({ databaseUrl: db.url, migrationsDir });

    const result = await checkSchema({ databaseUrl: db.url });

    expect(result.problems.map((problem) => problem.kind)).toContain("unknown-migrations");
    expect(result.problems[0]?.message).toContain("29990101000000_gone");
  });

  test("reports a migration that does not replay instead of stopping", async () => {
    const db = await createTestDatabase();
    const migrationsDir = await copyOfMigrations();
    await addMigration(migrationsDir, "29990101000000_typo", "SELEC 1;\n");

    const result = await checkSchema({ databaseUrl: db.url, migrationsDir });

    expect(result.problems.map((problem) => problem.kind)).toEqual([
      "pending-migrations",
      "broken-migrations",
    ]);
    expect(result.problems[1]?.message).toMatch(/29990101000000_typo.*SELEC.*\(P3006\)/);
  });
});

describe("applying migrations", () => {
  test("a failed migration changes nothing, is recorded, and blocks later deploys", async () => {
    const db = await createTestDatabase();
    const migrationsDir = await copyOfMigrations();
    // Fails on this database only (it has a row to violate the check), not on an empty one.
    await db.pool.query(
      `INSERT INTO "user" (id, name, email, "updatedAt") VALUES ('u1', 'x', 'x@test', now())`,
    );
    await addMigration(
      migrationsDir,
      "29990101000000_no_x",
      `CREATE TABLE half_done (id int);\nALTER TABLE "user" ADD CONSTRAINT no_x CHECK (name <> 'x');\n`,
    );

    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir })).rejects.toThrow(
      /29990101000000_no_x/,
    );
    const { rows } = await db.pool.query("SELECT to_regclass('half_done') AS t");
    expect(rows[0].t).toBeNull(); // the whole script ran in one transaction
    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir })).rejects.toThrow(/P3009/);
    const result = await checkSchema({ databaseUrl: db.url, migrationsDir });
    expect(result.problems.map((problem) => problem.kind)).toContain("failed-migrations");
  });

  test("a script with semicolons inside literals and function bodies applies whole", async () => {
    const db = await createTestDatabase();
    const migrationsDir = await copyOfMigrations();
    await addMigration(
      migrationsDir,
      "29990101000000_semicolons",
      `COMMENT ON TABLE "user" IS 'people; all of them';
CREATE FUNCTION note_semicolon() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1;
  RETURN 'a;b';
END $$;
`,
    );

    await applyMigrations({ databaseUrl: db.url, migrationsDir });

    const { rows } = await db.pool.query(
      `SELECT obj_description('"user"'::regclass) AS comment, note_semicolon() AS fn`,
    );
    expect(rows[0]).toEqual({ comment: "people; all of them", fn: "a;b" });
  });
});
