import { Writable } from "node:stream";
import { createPool } from "@mentora/db";
import { createTestDatabase } from "@mentora/db/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/index.ts";
import { TEST_ORIGIN } from "../testing/index.ts";
import { type App, createApp } from "./index.ts";

/** A logger whose JSON lines are kept, to assert what was logged. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim()) lines.push(JSON.parse(line));
      }
      callback();
    },
  });
  return { logger: pino({ level: "error" }, stream), lines };
}

async function appFor(
  role: "web" | "worker",
  env: Record<string, string>,
  logger = capturingLogger().logger,
): Promise<App> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PUBLIC_URL: TEST_ORIGIN,
    ...env,
  });
  return createApp({
    config,
    databaseUrl: database.url,
    role,
    logger,
    importPackage: (name) => import(name),
  });
}

describe("database timeouts (web edge)", () => {
  const apps: App[] = [];
  const captured = capturingLogger();
  let web: App;
  beforeAll(async () => {
    web = await appFor("web", { DATABASE_STATEMENT_TIMEOUT_MS: "300" }, captured.logger);
    apps.push(web);
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it("cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS, through Prisma and pg", async () => {
    await expect(web.pool.query("SELECT pg_sleep(3)")).rejects.toMatchObject({
      code: "57014",
      message: expect.stringMatching(/statement timeout/),
    });
    await expect(web.prisma.$queryRaw`SELECT pg_sleep(3)`).rejects.toThrow(/statement timeout/);
    // A statement under the limit still runs.
    const { rows } = await web.pool.query("SELECT 1 AS one");
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("defaults to 15 s for the web and 60 s for the worker", async () => {
    const defaultWeb = await appFor("web", {});
    const worker = await appFor("worker", {});
    apps.push(defaultWeb, worker);
    const show = async (app: App) =>
      (await app.pool.query("SHOW statement_timeout")).rows[0]?.statement_timeout;
    expect(await show(defaultWeb)).toBe("15s");
    expect(await show(worker)).toBe("1min");
  });

  it("logs an idle connection that the server dropped instead of swallowing it", async () => {
    // Hold one connection idle in the pool, then have Postgres terminate it.
    const client = await web.pool.connect();
    const { rows } = await client.query("SELECT pg_backend_pid() AS pid");
    client.release();
    const admin = await appFor("web", {});
    apps.push(admin);
    const before = captured.lines.length;
    await admin.pool.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
    await expect
      .poll(() => captured.lines.slice(before).map((line) => line.msg))
      .toContain("idle database connection failed");
  });
});

describe("a start that fails", () => {
  it("closes the connections it opened (the web retries on its next request and must not leak)", async () => {
    const database = await createTestDatabase();
    // Its own application_name: the connections of this start, and only those, are counted.
    const name = `failed-start-${process.pid}-${Date.now()}`;
    const url = new URL(database.url);
    url.searchParams.set("application_name", name);
    const admin = createPool(database.url, { max: 1 });
    const connections = async () =>
      Number(
        (
          await admin.query(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1",
            [name],
          )
        ).rows[0].n,
      );
    try {
      const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PUBLIC_URL: TEST_ORIGIN });
      const start = createApp({
        config,
        databaseUrl: url.toString(),
        role: "web",
        logger: capturingLogger().logger,
        // The adapter fails once pg-boss's start (begun first) holds a connection of this start.
        importPackage: async () => {
          await expect.poll(connections, { timeout: 30_000 }).toBeGreaterThan(0);
          throw new Error("adapter package missing");
        },
      });
      await expect(start).rejects.toThrow(/adapter package missing/);
      // An idle pooled connection would stay 10 s (pg's idle timeout): these are closed.
      await expect.poll(connections, { timeout: 5_000 }).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
