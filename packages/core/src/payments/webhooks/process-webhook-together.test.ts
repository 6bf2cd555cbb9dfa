// webhook.process group-commits its statements across the jobs in flight (decision 063): the
// events of one fetched batch count their attempts, find their payments, ask the sandbox and
// are marked PROCESSED a flush at a time. Each job still ends on its own: one event failing in
// the middle of a batch fails (and retries) only its job, and two jobs of one event count two
// attempts and settle its payment once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEventHandlers } from "../../app/job-handlers.ts";
import { createJobRunner, type JobRunner } from "../../jobs/runner.ts";
import { until } from "../../testing/index.ts";
import {
  createPaymentsRig,
  expectSettledOnceAndConfirmed,
  ledgerIsBalanced,
  storeEventForUnknownPayment,
} from "../testing/payments-rig.ts";
import { createProcessWebhookJob } from "./process-webhook.job.ts";
import { processWebhookQueue } from "./process-webhook.queue.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let runner: JobRunner | undefined;
beforeAll(async () => {
  rig = await createPaymentsRig();
});
afterAll(async () => {
  await runner?.stop(5_000);
  await rig?.app.close();
});

async function jobsOf(webhookEventId: string) {
  const { rows } = await rig.app.pool.query<{ state: string; retry_count: number }>(
    `SELECT state::text, retry_count FROM pgboss.job
     WHERE name = $1 AND data->>'webhookEventId' = $2 ORDER BY created_on`,
    [processWebhookQueue.name, webhookEventId],
  );
  return rows;
}

describe("webhook.process, statements made together", () => {
  it("one failing event of a batch fails alone; a second job of one event counts its own attempt", async () => {
    const { app } = rig;
    // Six paid payments whose events are stored and enqueued as the edge does; no worker yet.
    const payments = await rig.paidWithStoredWebhooks(6);
    const events = await app.prisma.webhookEvent.findMany({ where: { status: "RECEIVED" } });
    expect(events).toHaveLength(6);
    // In the same batch: an event for a payment we do not know (it fails every time) and a
    // second job of the first event (a replay racing its first try).
    const unknown = await storeEventForUnknownPayment(app);
    const twice = events[0]!;
    await app.boss.insert(processWebhookQueue.name, [
      { data: { webhookEventId: unknown.id }, retryLimit: 8, retryDelay: 60 },
      { data: { webhookEventId: twice.id } },
    ]);

    runner = createJobRunner(app, [createProcessWebhookJob(webhookEventHandlers)]);
    await runner.start();

    await until(async () => {
      const rows = await app.prisma.webhookEvent.findMany({
        where: { id: { in: events.map((event) => event.id) } },
      });
      return rows.every((row) => row.status === "PROCESSED") ? rows : undefined;
    }, "the known events to be processed");
    const failed = await until(async () => {
      const row = await app.prisma.webhookEvent.findUniqueOrThrow({ where: { id: unknown.id } });
      return row.status === "FAILED" ? row : undefined;
    }, "the unknown event to fail");
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/no payment for sandbox sbx_unknown/);
    // Its job alone is failed, to be retried with backoff; every other job completed.
    await until(
      async () => ((await jobsOf(unknown.id))[0]?.state === "retry" ? true : undefined),
      "the unknown event's job to wait for its retry",
    );
    await until(
      async () =>
        (await jobsOf(twice.id)).every((job) => job.state === "completed") ? true : undefined,
      "both jobs of the first event to complete",
    );
    for (const event of events.slice(1)) {
      expect(await jobsOf(event.id)).toEqual([{ state: "completed", retry_count: 0 }]);
    }

    const processed = await app.prisma.webhookEvent.findMany({
      where: { id: { in: events.map((event) => event.id) } },
    });
    // One attempt each; the event with two jobs counted both (never one count for two jobs).
    expect(Object.fromEntries(processed.map((row) => [row.id, row.attempts]))).toEqual(
      Object.fromEntries(events.map((event) => [event.id, event.id === twice.id ? 2 : 1])),
    );
    expect(processed.every((row) => row.processedAt !== null && row.lastError === null)).toBe(true);
    await expectSettledOnceAndConfirmed(app, payments);
    expect(await ledgerIsBalanced(app)).toBe(true);
  }, 120_000);
});
