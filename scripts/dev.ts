/**
 * `pnpm dev`: the database (embedded under .data/ unless DATABASE_URL is set), migrations, demo
 * data on first start, then the web portal and the worker, with readable prefixed logs.
 * Ctrl-C stops all three.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { seedDemoAvatars } from "@mentora/core/avatars";
import { loadConfig } from "@mentora/core/config";
import { createPrismaClient } from "@mentora/db";
import { resolveDatabase } from "@mentora/db/embedded";
import { applyMigrations } from "@mentora/db/migrations";
import { demoUsers, seedDemoData } from "@mentora/db/seed";
import { createFileStorage } from "@mentora/files";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
// Unset NODE_ENV means production everywhere else: `pnpm dev` is the one place that says
// development (the outbox, the dev secret, the sandbox), for itself and its children.
process.env.NODE_ENV = "development";

const colors = { db: 35, web: 36, worker: 33, dev: 32 } as const;
type Source = keyof typeof colors;
const useColor = process.stdout.isTTY;
const levelNames: Record<number, string> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};

function print(source: Source, line: string) {
  const tag = `[${source}]`.padEnd(9);
  process.stdout.write(`${useColor ? `\x1b[${colors[source]}m${tag}\x1b[0m` : tag}${line}\n`);
}

/** pino's JSON lines become "12:00:01 info  message {rest}"; anything else passes through. */
function readable(line: string): string {
  if (!line.startsWith("{")) return line;
  try {
    const {
      level,
      time,
      msg,
      pid: _p,
      hostname: _h,
      service: _s,
      name: _n,
      ...rest
    } = JSON.parse(line);
    const clock = typeof time === "string" ? time.slice(11, 19) : "";
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
    return `${clock} ${(levelNames[level] ?? level).padEnd(5)} ${msg ?? ""}${extra}`;
  } catch {
    return line;
  }
}

const children: ChildProcess[] = [];
function run(source: Source, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => print(source, readable(line)));
  }
  child.on("exit", (code, signal) => {
    if (!shuttingDown) {
      print(source, `exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
let stopDatabase: () => Promise<void> = async () => {};
async function shutdown(exitCode: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  print("dev", "stopping web, worker and database…");
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
          child.once("exit", () => {
            clearTimeout(force);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  await stopDatabase();
  process.exit(exitCode);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  const database = await resolveDatabase();
  stopDatabase = database.stop;
  print(
    "db",
    database.embedded ? "embedded Postgres ready (data in .data/postgres)" : "using DATABASE_URL",
  );

  const applied = await applyMigrations({ databaseUrl: database.url });
  print(
    "db",
    applied.length ? `applied migrations: ${applied.join(", ")}` : "migrations up to date",
  );

  const prisma = createPrismaClient({ connectionString: database.url });
  try {
    const isEmpty = (await prisma.user.count()) === 0;
    const accounts = await seedDemoData(prisma);
    print("dev", isEmpty ? "demo data created. Demo accounts:" : "demo accounts:");
    for (const account of accounts) {
      print("dev", `  ${account.role.padEnd(7)} ${account.email.padEnd(26)} ${account.password}`);
    }
    print(
      "dev",
      `  …and ${demoUsers.length - accounts.length} more: directory mentors mentor3…mentor40 and mentees with a history mentee3…mentee14 (@mentora.test, same password)`,
    );
    // Portraits for the demo mentors, drawn locally and stored like uploads (first start only).
    const config = loadConfig({ ...process.env, DATABASE_URL: database.url });
    const files = createFileStorage(config.fileStorage);
    const avatars = await seedDemoAvatars(
      { prisma, files },
      demoUsers.filter((user) => user.role === "MENTOR").map((user) => user.email),
    );
    if (avatars > 0) print("dev", `generated ${avatars} demo mentor portraits`);
  } finally {
    await prisma.$disconnect();
  }

  const port = process.env.PORT ?? "3000";
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const env = { ...process.env, DATABASE_URL: database.url, PORT: port, PUBLIC_URL: publicUrl };
  const webDir = path.join(root, "apps/web");
  const remixCli = path.join(
    path.dirname(
      createRequire(path.join(webDir, "package.json")).resolve("@remix-run/dev/package.json"),
    ),
    "dist/cli.js",
  );
  run("web", process.execPath, [remixCli, "vite:dev", "--port", port, "--strictPort"], webDir, env);
  run("worker", process.execPath, ["src/main.ts"], path.join(root, "apps/worker"), env);
  print("dev", `Mentora is starting at ${publicUrl} — Ctrl-C stops everything`);
}

main().catch(async (error: unknown) => {
  print("dev", error instanceof Error ? error.message : String(error));
  await shutdown(1);
});
