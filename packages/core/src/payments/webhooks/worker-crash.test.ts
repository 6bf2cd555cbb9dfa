// A worker killed in the middle of its webhook.process batches loses no event and applies none
// twice: the jobs it held are retried once their heartbeat is stale, the events it had already
// processed are not settled again, and every payment is settled exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEventHandlers } from "../../app/job-handlers.ts";
import { createJobRunner, type JobRunner } from "../../jobs/runner.ts";
import { until } from "../../testing/index.ts";
import {
  createPaymentsRig,
  expectSettledOnceAndConfirmed,
  ledgerIsBalanced,
} from "../testing/payments-rig.ts";
import { createProcessWebhookJob } from "./process-webhook.job.ts";
import { processWebhookQueue } from "./process-webhook.queue.ts";

const workerScript = fileURLToPath(new URL("../testing/webhook-worker.ts", import.meta.url));

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let databaseUrl: string;
let child: ChildProcess | undefined;
let runner: JobRunner | undefined;
beforeAll(async () => {
  rig = await createPaymentsRig();
  databaseUrl = (rig.app.pool as unknown as { options: { connectionString: string } }).options
    .connectionString;
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await runner?.stop(5_000);
  await rig?.app.close();
});

describe("a worker killed mid-batch", () => {
  it("SIGKILL with some events of its batches processed: each job retried, each payment settled once", async () => {
    const { app } = rig;
    const { batchSize = 1 } = processWebhookQueue.work ?? {};
    // More events than one batch, so the kill catches a full batch and part of another.
    const count = batchSize + 2;
    const payments = await rig.paidWithStoredWebhooks(count);
    expect(await app.prisma.webhookEvent.count({ where: { status: "RECEIVED" } })).toBe(count);

    // The worker answers one provider call, then hangs in every other job of its batches: with
    // one answer no batch can finish (the smaller one holds 2 jobs; at 4 × 20 with 3 answers both
    // jobs of that batch could be answered and completed before the kill, decision 079).
    const answers = 1;
    let output = "";
    child = spawn(process.execPath, [workerScript], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: "test",
        WEBHOOK_WORKER_STALL_AFTER: String(answers),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<void>((resolve) => child!.once("exit", () => resolve()));
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    await until(async () => (output.includes("STALLED") ? true : undefined), "the stall");
    await until(
      async () =>
        (await app.prisma.webhookEvent.count({ where: { status: "PROCESSED" } })) === answers
          ? true
          : undefined,
      "the answered events to be processed",
    );
    // Every job of its batches has started (counted its attempt) before the kill.
    await until(
      async () =>
        (await app.prisma.webhookEvent.count({ where: { attempts: 1 } })) === count
          ? true
          : undefined,
      "every job to start",
    );
    const held = await app.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'active'`,
      [processWebhookQueue.name],
    );
    // Every job was taken, and none completed: their batches never returned.
    expect(held.rows[0]?.n).toBe(count);
    child.kill("SIGKILL");
    await exited;
    expect(child.signalCode).toBe("SIGKILL");

    // As pg-boss's supervisor finds them once their heartbeat is stale (30 s): failed, retried.
    await app.pool.query(
      `UPDATE pgboss.job SET heartbeat_on = heartbeat_on - interval '10 minutes'
       WHERE name = $1 AND state = 'active'`,
      [processWebhookQueue.name],
    );
    await app.boss.supervise(processWebhookQueue.name);
    const retried = await app.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'retry'`,
      [processWebhookQueue.name],
    );
    expect(retried.rows[0]?.n).toBe(count);

    // A healthy worker takes them all.
    runner = createJobRunner(app, [createProcessWebhookJob(webhookEventHandlers)]);
    await runner.start();
    await until(async () => {
      const { rows } = await app.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`,
        [processWebhookQueue.name],
      );
      return rows[0]?.n === count ? true : undefined;
    }, "every job to complete");

    const events = await app.prisma.webhookEvent.findMany();
    expect(events.map((event) => event.status)).toEqual(Array(count).fill("PROCESSED"));
    // Each event ran twice (the dead worker's attempt, the retry); the processed ones stopped there.
    expect(events.map((event) => event.attempts)).toEqual(Array(count).fill(2));
    await expectSettledOnceAndConfirmed(app, payments);
    expect(await ledgerIsBalanced(app)).toBe(true);
  }, 240_000);
});
