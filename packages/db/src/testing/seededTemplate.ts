import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { withAdminClient } from "../admin.ts";
import { quoteIdent } from "../databaseUrl.ts";
import { defaultMigrationsDir } from "../paths.ts";
import { createTestDatabase, provided, type TestDatabase } from "./createTestDatabase.ts";

/**
 * Set by `pnpm bench` (scripts/bench.ts) for its rounds, which share one Postgres it started:
 * a bench's seeded platform is then built once per run (round 1) and cloned in later rounds
 * (decision 080). Unset (a single `vitest bench` file, tests), every call seeds afresh.
 */
export const seedCacheVariable = "MENTORA_BENCH_SEED_CACHE";

export function seedCacheEnabled(): boolean {
  return process.env[seedCacheVariable] === "1";
}

let migrations: string | undefined;
/** Hash of the migrations (names and SQL): a template is only reused for the same schema. */
function migrationsHash(): string {
  if (migrations) return migrations;
  const hash = createHash("sha256");
  for (const entry of readdirSync(defaultMigrationsDir, { recursive: true }).map(String).sort()) {
    const file = path.join(defaultMigrationsDir, entry);
    if (!file.endsWith(".sql")) continue;
    hash.update(entry).update("\0").update(readFileSync(file)).update("\0");
  }
  migrations = hash.digest("hex");
  return migrations;
}

/** The template database name for a seed key (its parameters, BENCH_SCALE and the schema). */
export function seededTemplateName(key: string): string {
  const digest = createHash("sha256")
    .update(`${key}\0scale=${process.env.BENCH_SCALE ?? ""}\0${migrationsHash()}`)
    .digest("hex");
  return `mentora_bench_seed_${digest.slice(0, 24)}`;
}

/**
 * A template database holding what `build` seeds, made by the first caller with this key and
 * reused by the later ones (clone it with `createTestDatabase({ template })`). `build` gets a
 * fresh migrated database, seeds it and closes every connection it opened; what it returns
 * (JSON: ids, dates as strings) is kept as the database's comment and handed back on reuse.
 * Built under a run-prefixed name and renamed only when complete, so a round that dies
 * mid-seed leaves nothing a later round would take for a template.
 */
export async function seededTemplate<T>(
  key: string,
  build: (database: TestDatabase) => Promise<T>,
): Promise<{ template: string; meta: T; reused: boolean }> {
  const { adminUrl } = provided();
  const template = seededTemplateName(key);
  const found = await withAdminClient(adminUrl, (client) =>
    client.query<{ meta: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS meta FROM pg_database WHERE datname = $1 AND datistemplate",
      [template],
    ),
  );
  const existing = found.rows[0];
  if (existing) return { template, meta: JSON.parse(existing.meta ?? "null") as T, reused: true };

  const database = await createTestDatabase();
  let meta: T;
  try {
    meta = JSON.parse(JSON.stringify((await build(database)) ?? null)) as T;
  } finally {
    await database.prisma.$disconnect();
    await database.pool.end();
  }
  await withAdminClient(adminUrl, async (client) => {
    // Nothing may be connected while it is renamed or cloned (55006); build closed its own.
    await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database.name],
    );
    await client.query(
      `ALTER DATABASE ${quoteIdent(database.name)} RENAME TO ${quoteIdent(template)}`,
    );
    await client.query(
      `COMMENT ON DATABASE ${quoteIdent(template)} IS ${client.escapeLiteral(JSON.stringify(meta))}`,
    );
    await client.query(
      `ALTER DATABASE ${quoteIdent(template)} WITH is_template true ALLOW_CONNECTIONS false`,
    );
  });
  return { template, meta, reused: false };
}
