// Offline Prisma Migrate for Mentora (the wasm schema engine; no download, no Rust binary).
//   node src/cli/migrate.ts deploy              apply pending migrations   (pnpm db:migrate)
//   node src/cli/migrate.ts create <name>       new migration from schema  (pnpm db:migration <name>)
//   node src/cli/migrate.ts check               schema, migrations, database agree? (pnpm db:check)
// Options: --schema <schema.prisma> --migrations-dir <dir>. Without DATABASE_URL the embedded
// dev cluster (.data/postgres) is started for the command and stopped after it.
import path from "node:path";
import { parseArgs } from "node:util";
import { type ResolvedDatabase, resolveDatabase } from "../embedded/index.ts";
import { DbToolError } from "../errors.ts";
import { applyMigrations, checkSchema, createMigration } from "../migrations/index.ts";
import type { MigrationToolOptions } from "../migrations/options.ts";
import { defaultMigrationsDir, repoRoot } from "../paths.ts";
import { describeDatabase } from "./databaseLabel.ts";
import { print, runCli } from "./run.ts";

const usage =
  "usage: migrate.ts deploy | create <name> | check  [--schema <schema.prisma>] [--migrations-dir <dir>]";

type Paths = Pick<MigrationToolOptions, "schemaPath" | "migrationsDir">;

async function deploy(database: ResolvedDatabase, paths: Paths): Promise<number> {
  const applied = await applyMigrations({ databaseUrl: database.url, ...paths });
  if (applied.length === 0) print("No pending migrations: the database is up to date.");
  else print(`Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join("\n")}`);
  return 0;
}

async function create(database: ResolvedDatabase, paths: Paths, name: string): Promise<number> {
  const result = await createMigration({ databaseUrl: database.url, name, ...paths });
  for (const applied of result.appliedMigrations) print(`Applied pending migration ${applied}`);
  if (!result.created) {
    print("No changes: schema.prisma matches the migrations, nothing was written.");
    return 0;
  }
  print(`Created ${path.relative(repoRoot, result.file)} (not applied yet: run pnpm db:migrate)`);
  return 0;
}

async function check(database: ResolvedDatabase, paths: Paths): Promise<number> {
  const result = await checkSchema({ databaseUrl: database.url, ...paths });
  if (result.ok) {
    print("OK: schema, migrations and database agree.");
    return 0;
  }
  print(`${result.problems.length} problem(s): schema, migrations and database disagree.`);
  for (const problem of result.problems) {
    print(`  - [${problem.kind}] ${problem.message}`);
    if (problem.details) print(problem.details.replace(/^/gm, "      "));
  }
  return 1;
}

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      schema: { type: "string" },
      "migrations-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, name, ...extra] = positionals;
  if (values.help) {
    print(usage);
    return 0;
  }
  const known = command === "deploy" || command === "check" || command === "create";
  if (!known || extra.length > 0 || (command === "create") !== Boolean(name)) {
    throw new DbToolError(command === "create" ? "create needs a migration name" : usage);
  }
  const paths: Paths = {
    schemaPath: values.schema ? path.resolve(values.schema) : undefined,
    migrationsDir: path.resolve(values["migrations-dir"] ?? defaultMigrationsDir),
  };

  const database = await resolveDatabase();
  try {
    process.stderr.write(`Using ${describeDatabase(database)}\n`);
    if (command === "deploy") return await deploy(database, paths);
    if (command === "create") return await create(database, paths, name ?? "");
    return await check(database, paths);
  } finally {
    await database.stop();
  }
});
