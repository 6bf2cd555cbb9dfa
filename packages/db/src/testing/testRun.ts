import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, withAdminClient } from "../admin.ts";
import { quoteIdent, withDatabase } from "../databaseUrl.ts";
import { startEmbeddedPostgres } from "../embedded/index.ts";
import { applyMigrations } from "../migrations/index.ts";

export type TestRun = {
  adminUrl: string;
  templateDb: string;
  prefix: string;
  timings: Record<string, number>;
  teardown(): Promise<void>;
};

/**
 * Starts what a test run needs: a server (a throwaway embedded cluster, or DATABASE_URL's
 * server) holding a migrated template database. Every database it creates is named
 * `<prefix>_…`, so the teardown of a run on a shared server drops exactly its own.
 */
async function startTestRun(): Promise<TestRun> {
  const prefix = `mentora_test_${randomBytes(4).toString("hex")}`;
  const templateDb = `${prefix}_template`;
  const timings: Record<string, number> = {};
  const external = process.env.DATABASE_URL;

  let began = performance.now();
  const cluster = external
    ? undefined
    : await startEmbeddedPostgres({
        // os.tmpdir() is traversable by the "postgres" OS user even when a checkout is not.
        dataDir: path.join(os.tmpdir(), `${prefix.replaceAll("_", "-")}-pg`),
        persistent: false,
      });
  const adminUrl = external ?? cluster?.url ?? "";
  if (cluster) {
    timings.initdbMs = cluster.ready.initdbMs ?? 0;
    timings.startMs = cluster.ready.startMs;
    timings.clusterReadyMs = Math.round(performance.now() - began);
  }

  const teardown = async () => {
    if (cluster) return cluster.stop(); // the whole cluster and its directory go away
    await dropRunDatabases(adminUrl, prefix, templateDb);
  };

  try {
    began = performance.now();
    await withAdminClient(adminUrl, (client) => createDatabase(client, templateDb));
    await applyMigrations({ databaseUrl: withDatabase(adminUrl, templateDb) });
    // Clones fail with 55006 "source database is being accessed" while anything is connected.
    await withAdminClient(adminUrl, (client) =>
      client.query(
        `ALTER DATABASE ${quoteIdent(templateDb)} WITH is_template true ALLOW_CONNECTIONS false`,
      ),
    );
    timings.templateMs = Math.round(performance.now() - began);
  } catch (error) {
    await teardown();
    throw error;
  }
  return { adminUrl, templateDb, prefix, timings, teardown };
}

async function dropRunDatabases(adminUrl: string, prefix: string, templateDb: string) {
  await withAdminClient(adminUrl, async (client) => {
    await client
      .query(`ALTER DATABASE ${quoteIdent(templateDb)} WITH is_template false`)
      .catch(() => {}); // not created, when the setup failed early
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [`${prefix}_`],
    );
    for (const { datname } of rows) await dropDatabase(client, datname);
  });
}

// One run per vitest process, shared by every project whose globalSetup is ours (the root
// `vitest run` loads each project's globalSetup in its own module instance, so the module
// scope cannot hold it): the last project to tear down stops it.
type SharedRun = { users: number; run: Promise<TestRun> };
const sharedKey = Symbol.for("@mentora/db/testing/run");
const shared = globalThis as typeof globalThis & { [sharedKey]?: SharedRun };

export function acquireTestRun(): Promise<TestRun> {
  const current = shared[sharedKey] ?? { users: 0, run: startTestRun() };
  shared[sharedKey] = current;
  current.users++;
  current.run.catch(() => {
    if (shared[sharedKey] === current) delete shared[sharedKey];
  });
  return current.run;
}

export async function releaseTestRun(): Promise<void> {
  const current = shared[sharedKey];
  if (!current) return;
  current.users--;
  if (current.users > 0) return;
  delete shared[sharedKey];
  await (await current.run).teardown();
}
