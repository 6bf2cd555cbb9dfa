// Demo data for dev: migrates the database, then creates the demo users (idempotent) and
// prints their credentials. `pnpm db:seed`; without DATABASE_URL it uses the embedded dev
// cluster (.data/postgres), started for the command and stopped after it. Refuses production
// (NODE_ENV=production, or unset on a database other than the embedded one) and any database
// where real users signed up: the demo admin's password is printed in the README.
// `pnpm db:seed --scale N` then adds a large consistent platform (N×100 mentors, N×10k bookings
// with payments, ledger, invoices, payouts) for the scale benchmarks (decision 030).
import { parseArgs } from "node:util";
import { resolveDatabase } from "../embedded/index.ts";
import { DbToolError } from "../errors.ts";
import { createPrismaClient } from "../index.ts";
import { applyMigrations } from "../migrations/index.ts";
import {
  assertOnlyDemoUsers,
  assertSeedEnvironment,
  type DemoCredential,
  demoUsers,
  existingScaleMentors,
  scaleCounts,
  seedDemoData,
  seedScale,
} from "../seed/index.ts";
import { describeDatabase } from "./databaseLabel.ts";
import { progressBar } from "./progress.ts";
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

function parseScale(): number | undefined {
  const { values } = parseArgs({ options: { scale: { type: "string" } } });
  if (values.scale === undefined) return undefined;
  const scale = Number(values.scale);
  try {
    scaleCounts(scale);
  } catch {
    throw new DbToolError(`--scale expects a whole number from 1 to 1000, got "${values.scale}"`);
  }
  return scale;
}

await runCli(async () => {
  const scale = parseScale();
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
      print(
        `  …and ${demoUsers.length - credentials.length} more: directory mentors mentor3…mentor40 and mentees with a history mentee3…mentee14 (@mentora.test, same password).`,
      );
      if (scale !== undefined) {
        const counts = scaleCounts(scale);
        const existing = await existingScaleMentors(prisma);
        if (existing === counts.mentors) {
          print(`Already seeded at scale ${scale} (${existing} scale mentors): nothing added.`);
        } else if (existing > 0) {
          // The ledger and invoices are append-only: a seeded platform cannot be reshaped.
          throw new DbToolError(
            `this database was seeded at another scale (${existing} scale mentors): start from an empty development database (remove .data/postgres, or point DATABASE_URL at a new one) to seed --scale ${scale}.`,
          );
        } else {
          const bar = progressBar();
          const started = Date.now();
          try {
            await seedScale(prisma, scale, bar.update);
          } finally {
            bar.finish();
          }
          print(
            `Seeded scale ${scale}: ${counts.mentors} mentors, ${counts.mentees} mentees, ${counts.bookings} bookings with payments, ledger, invoices and payouts in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
          );
        }
      }
    } finally {
      await prisma.$disconnect();
    }
    return 0;
  } finally {
    await database.stop();
  }
});
