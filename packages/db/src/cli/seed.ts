// Demo data for dev: migrates the database, then creates the demo users (idempotent) and
// prints their credentials. `pnpm db:seed`; without DATABASE_URL it uses the embedded dev
// cluster (.data/postgres), started for the command and stopped after it. Refuses production
// (NODE_ENV=production, or unset on a database other than the embedded one) and any database
// where real users signed up: the demo admin's password is printed in the README.
import { resolveDatabase } from "../embedded/index.ts";
import { createPrismaClient } from "../index.ts";
import { applyMigrations } from "../migrations/index.ts";
import {
  assertOnlyDemoUsers,
  assertSeedEnvironment,
  type DemoCredential,
  seedDemoData,
} from "../seed/index.ts";
import { describeDatabase } from "./databaseLabel.ts";
import { print, runCli } from "./run.ts";

function credentialsTable(credentials: DemoCredential[]): string {
  const rows = [["role", "email", "password", "name"]].concat(
    credentials.map((c) => [c.role, c.email, c.password, c.name]),
  );
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0)),
  );
  return rows
    .map((row) => `  ${row.map((cell, column) => cell.padEnd(widths?.[column] ?? 0)).join("  ")}`)
    .map((line) => line.trimEnd())
    .join("\n");
}

await runCli(async () => {
  const database = await resolveDatabase();
  try {
    process.stderr.write(`Using ${describeDatabase(database)}\n`);
    assertSeedEnvironment(process.env, database.embedded);
    const applied = await applyMigrations({ databaseUrl: database.url });
    for (const name of applied) print(`Applied migration ${name}`);
    const prisma = createPrismaClient({ connectionString: database.url });
    try {
      await assertOnlyDemoUsers(prisma);
      const credentials = await seedDemoData(prisma);
      print("Demo accounts (demo data, not secrets):");
      print(credentialsTable(credentials));
    } finally {
      await prisma.$disconnect();
    }
    return 0;
  } finally {
    await database.stop();
  }
});
