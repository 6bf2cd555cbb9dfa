import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { startEmbeddedPostgres } from "./index.ts";

const dataDir = path.join(os.tmpdir(), `mentora-embedded-test-${randomBytes(4).toString("hex")}`);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT 1 AS one")).rows[0]?.one === 1;
  } finally {
    await client.end();
  }
}

describe("startEmbeddedPostgres", () => {
  test("initdb on first use, then a restart keeps the data directory", async () => {
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    expect(first.ready.initdbMs).toBeGreaterThan(0);
    expect(await canQuery(first.url)).toBe(true);
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, persistent: true });
    expect(second.ready.initdbMs).toBeUndefined();
    await second.stop();
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
  });

  test("explains in one line that a live postgres already owns the data directory", async () => {
    const running = await startEmbeddedPostgres({ dataDir, persistent: true });
    try {
      await expect(startEmbeddedPostgres({ dataDir, persistent: true })).rejects.toThrow(
        /^Postgres is already running on .* \(pid \d+\)/,
      );
    } finally {
      await running.stop();
    }
  });

  test("recovers from a stale postmaster.pid left by a crashed run", async () => {
    // PID 2^22 - 1 is above Linux's default pid_max: no such process.
    await writeFile(path.join(dataDir, "postmaster.pid"), `4194303\n${dataDir}\n0\n5432\n`);

    const cluster = await startEmbeddedPostgres({ dataDir, persistent: true });

    expect(cluster.ready.removedStaleLock).toBe(true);
    expect(await canQuery(cluster.url)).toBe(true);
    await cluster.stop();
  });

  test("a test (non-persistent) cluster deletes its data directory when stopped", async () => {
    const tempDir = `${dataDir}-temp`;
    const cluster = await startEmbeddedPostgres({ dataDir: tempDir, persistent: false });
    expect(existsSync(tempDir)).toBe(true);

    await cluster.stop();

    expect(existsSync(tempDir)).toBe(false);
  });
});
