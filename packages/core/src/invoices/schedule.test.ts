import { afterAll, beforeAll, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { createJobRunner } from "../jobs/runner.ts";
import { createTestApp } from "../testing/index.ts";
import { invoiceCleanupTempJob } from "./cleanup-temp.job.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

it("the worker registers the daily temp cleanup with pg-boss when it starts", async () => {
  const runner = createJobRunner(app, [invoiceCleanupTempJob]);
  await runner.start();
  const schedules = await app.boss.getSchedules(invoiceCleanupTempJob.name);
  expect(schedules.map((s) => ({ name: s.name, cron: s.cron, tz: s.timezone }))).toEqual([
    { name: "invoice.cleanup-temp", cron: "17 3 * * *", tz: "UTC" },
  ]);
  // Starting again (a redeploy) keeps one schedule.
  await createJobRunner(app, [invoiceCleanupTempJob]).start();
  expect(await app.boss.getSchedules(invoiceCleanupTempJob.name)).toHaveLength(1);
  await runner.stop(1_000);
});
