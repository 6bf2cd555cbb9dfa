import { createTestDatabase } from "@mentora/db/testing";
import { afterAll, expect, it } from "vitest";
import { loadConfig } from "../config/index.ts";
import { createJobRunner } from "../jobs/runner.ts";
import { TEST_ORIGIN } from "../testing/index.ts";
import { type App, createApp } from "./index.ts";
import { jobHandlers } from "./job-handlers.ts";
import { jobQueues, retiredQueues } from "./job-queues.ts";

const apps: App[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

/** A worker booting on this database, as `pnpm start:worker` does (its own app, its own boot). */
async function bootWorker(databaseUrl: string): Promise<App> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PUBLIC_URL: TEST_ORIGIN });
  const app = await createApp({
    config,
    databaseUrl,
    role: "worker",
    importPackage: (name) => import(name),
  });
  apps.push(app);
  return app;
}

const scheduledByContract = jobHandlers
  .filter((job) => job.schedule)
  .map((job) => ({ name: job.name, cron: job.schedule?.cron, tz: job.schedule?.tz ?? "UTC" }))
  .sort((a, b) => a.name.localeCompare(b.name));

const schedulesOf = async (app: App) =>
  (await app.boss.getSchedules())
    .map((s) => ({ name: s.name, cron: s.cron, tz: s.timezone }))
    .sort((a, b) => a.name.localeCompare(b.name));

it("the worker registers each contract's schedule with pg-boss when it starts, once", async () => {
  const database = await createTestDatabase();
  const app = await bootWorker(database.url);
  const runner = createJobRunner(app, jobHandlers);
  await runner.start();
  expect(scheduledByContract.length).toBeGreaterThan(0);
  expect(await schedulesOf(app)).toEqual(scheduledByContract);
  // Starting again (a redeploy) keeps one schedule per queue.
  await createJobRunner(app, jobHandlers).start();
  expect(await schedulesOf(app)).toEqual(scheduledByContract);
  await runner.stop(1_000);
});

it("a deployment's invoice.cleanup-temp queue, schedule and jobs are gone after the next boot", async () => {
  expect(retiredQueues).toContain("invoice.cleanup-temp");
  // Nothing declares, handles or schedules it any more.
  for (const list of [jobQueues, jobHandlers]) {
    expect(list.map((queue) => queue.name)).not.toContain("invoice.cleanup-temp");
  }
  // A database as a release before decision 073 left it: the queue, its daily schedule (which
  // pg-boss's cron keeps turning into jobs) and a job not yet taken.
  const database = await createTestDatabase();
  const before = await bootWorker(database.url);
  await before.boss.createQueue("invoice.cleanup-temp", { retryLimit: 2, retryDelay: 300 });
  await before.boss.schedule("invoice.cleanup-temp", "17 3 * * *", {}, { tz: "UTC" });
  await before.boss.send("invoice.cleanup-temp", {});
  expect(await before.boss.getSchedules("invoice.cleanup-temp")).toHaveLength(1);
  await before.close();
  apps.splice(apps.indexOf(before), 1);

  const after = await bootWorker(database.url);
  expect(await after.boss.getSchedules("invoice.cleanup-temp")).toEqual([]);
  expect(await after.boss.getQueue("invoice.cleanup-temp")).toBeNull();
  const { rows } = await after.pool.query(
    "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'invoice.cleanup-temp'",
  );
  expect(rows[0]?.n).toBe(0);
  // The started worker schedules exactly its contracts' crons: nothing brings it back.
  const runner = createJobRunner(after, jobHandlers);
  await runner.start();
  expect(await schedulesOf(after)).toEqual(scheduledByContract);
  await runner.stop(1_000);
  // Booting again finds nothing left to remove.
  const again = await bootWorker(database.url);
  expect(await again.boss.getQueues()).not.toContainEqual(
    expect.objectContaining({ name: "invoice.cleanup-temp" }),
  );
});
