import { readdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { withAdminClient } from "../admin.ts";
import { defaultMigrationsDir } from "../paths.ts";
import { createTestDatabase } from "../testing/index.ts";
import { runNode } from "../testing/runNode.ts";
import { MIGRATION_LOCK_KEY } from "./applyMigrations.ts";

const migrateCli = fileURLToPath(new URL("../cli/migrate.ts", import.meta.url));

test("two replicas deploying together on a fresh database: both succeed, each migration once", async () => {
  const database = await createTestDatabase({ migrated: false });
  const env = { ...process.env, DATABASE_URL: database.url };
  const runs = await Promise.all([
    runNode([migrateCli, "deploy"], { env }),
    runNode([migrateCli, "deploy"], { env }),
  ]);
  for (const run of runs) expect(run.stderr).not.toMatch(/error/i);
  expect(runs.map((run) => run.code)).toEqual([0, 0]);

  const expected = readdirSync(defaultMigrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const { rows } = await database.pool.query<{ migration_name: string; times: number }>(
    `SELECT migration_name, count(*)::int AS times FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
      GROUP BY migration_name ORDER BY migration_name`,
  );
  expect(rows.map((row) => row.migration_name)).toEqual(expected);
  expect(rows.every((row) => row.times === 1)).toBe(true);
  // One run applied everything, the other found nothing pending.
  const outputs = runs.map((run) => run.stdout).sort();
  expect(outputs[0]).toMatch(/^Applied \d+ migration\(s\)/);
  expect(outputs[1]).toMatch(/No pending migrations/);
  await database.drop();
});

test("a deploy waits for the migration lock before touching the database", async () => {
  const database = await createTestDatabase({ migrated: false });
  await withAdminClient(database.url, async (holder) => {
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    const deploy = runNode([migrateCli, "deploy"], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    // Wait until the deploy is queued behind our lock (a state, polled; not a timing).
    for (;;) {
      const { rows } = await holder.query(
        "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      );
      if (rows.length > 0) break;
      await sleep(50);
    }
    const before = await holder.query("SELECT to_regclass('_prisma_migrations') AS t");
    expect(before.rows[0].t).toBeNull();
    await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
    const run = await deploy;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Applied \d+ migration\(s\)/);
  });
  await database.drop();
});
