import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { App } from "../app/index.ts";
import { defineHandler, defineQueue } from "../jobs/define.ts";
import { createQueues } from "../jobs/index.ts";
import { createJobRunner } from "../jobs/runner.ts";
import { callerFor, createTestApp } from "../testing/index.ts";

/** The value of one sample line of a scrape, `undefined` when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

describe("a scrape of the app's metrics", () => {
  it("has the process metrics: heap, event-loop lag, GC", async () => {
    const text = await app.telemetry.metrics.render();
    for (const name of [
      "nodejs_heap_size_used_bytes",
      "nodejs_eventloop_lag_p99_seconds",
      "nodejs_gc_duration_seconds",
      "process_cpu_seconds_total",
      "process_resident_memory_bytes",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });

  it("shows the depth of a queue as its number of waiting jobs, and the oldest job's age", async () => {
    const queue = "telemetry.depth-probe";
    await app.boss.createQueue(queue);
    const empty = await app.telemetry.metrics.render();
    expect(sample(empty, `mentora_queue_depth{queue="${queue}"}`)).toBe(0);
    expect(sample(empty, `mentora_queue_oldest_job_age_seconds{queue="${queue}"}`)).toBe(0);

    for (let i = 0; i < 7; i += 1) await app.boss.send(queue, { i });
    // A job due in an hour waits, but is not part of the backlog.
    await app.boss.send(queue, { later: true }, { startAfter: 3600 });
    // Pretend the oldest job has waited ten minutes.
    await app.pool.query(
      `UPDATE pgboss.job SET created_on = now() - interval '10 minutes'
        WHERE id = (SELECT id FROM pgboss.job WHERE name = $1 ORDER BY created_on LIMIT 1)`,
      [queue],
    );
    const text = await app.telemetry.metrics.render();
    expect(sample(text, `mentora_queue_depth{queue="${queue}"}`)).toBe(7);
    expect(sample(text, `mentora_queue_jobs{queue="${queue}",state="ready"}`)).toBe(7);
    expect(sample(text, `mentora_queue_jobs{queue="${queue}",state="deferred"}`)).toBe(1);
    expect(sample(text, `mentora_queue_jobs{queue="${queue}",state="active"}`)).toBe(0);
    const age = sample(text, `mentora_queue_oldest_job_age_seconds{queue="${queue}"}`) ?? 0;
    expect(age).toBeGreaterThanOrEqual(600);
    expect(age).toBeLessThan(3600);
    // Every queue core declares is there, with its dead-letter queue.
    expect(text).toContain('mentora_queue_depth{queue="email.send"} ');
    expect(text).toContain('mentora_queue_depth{queue="email.send.dead"} ');
    expect(sample(text, 'mentora_dead_jobs{queue="email.send.dead"}')).toBe(0);
    expect(text).not.toContain('mentora_dead_jobs{queue="email.send"}');
  });

  it("shows the pools' connections: total, idle and waiting", async () => {
    // Hold one connection of the app pool: it counts in total but not in idle.
    const held = await app.pool.connect();
    try {
      const text = await app.telemetry.metrics.render();
      const of = (pool: string, state: string) =>
        sample(text, `mentora_db_pool_connections{pool="${pool}",state="${state}"}`);
      expect(of("app", "total")).toBe(app.pool.totalCount);
      expect(of("app", "idle")).toBe(app.pool.idleCount);
      expect(of("app", "total")! - of("app", "idle")!).toBeGreaterThanOrEqual(1);
      expect(of("app", "waiting")).toBe(0);
      // The scrape itself ran its queue query on pg-boss's pool.
      expect(of("boss", "total")).toBeGreaterThanOrEqual(1);
      expect(of("boss", "waiting")).toBe(0);
    } finally {
      held.release();
    }
  });

  it("counts tRPC calls by procedure and their errors by code", async () => {
    const caller = await callerFor(app);
    await caller.health.check();
    await caller.health.check();
    await expect(caller.account.me()).rejects.toThrow();
    const text = await app.telemetry.metrics.render();
    expect(
      sample(
        text,
        'mentora_trpc_procedure_duration_seconds_count{procedure="health.check",type="query",outcome="ok"}',
      ),
    ).toBe(2);
    expect(
      sample(
        text,
        'mentora_trpc_procedure_errors_total{procedure="account.me",type="query",code="UNAUTHORIZED"}',
      ),
    ).toBe(1);
  });

  it("observes HTTP requests by route, method and status", async () => {
    app.telemetry.observeHttpRequest("routes/admin.jobs", "get", 200, 0.03);
    app.telemetry.observeHttpRequest("routes/admin.jobs", "BREW", 500, 0.2);
    const text = await app.telemetry.metrics.render();
    expect(
      sample(
        text,
        'mentora_http_request_duration_seconds_count{route="routes/admin.jobs",method="GET",status="200"}',
      ),
    ).toBe(1);
    // An unknown method is one bounded series, not one per spelling a client sends.
    expect(
      sample(
        text,
        'mentora_http_request_duration_seconds_count{route="routes/admin.jobs",method="OTHER",status="500"}',
      ),
    ).toBe(1);
  });

  it("shows payouts waiting in APPROVED and how long the oldest has", async () => {
    const payout = await app.prisma.payout.create({
      data: {
        mentorId: "mentor-telemetry",
        currency: "EUR",
        amountMinor: 5000,
        method: "SANDBOX",
        destination: {},
        gatewayKey: "payout:telemetry",
        status: "APPROVED",
      },
    });
    await app.pool.query(
      `UPDATE payout SET "updatedAt" = now() - interval '2 hours' WHERE id = $1`,
      [payout.id],
    );
    const text = await app.telemetry.metrics.render();
    expect(sample(text, 'mentora_payouts_in_flight{status="APPROVED"}')).toBe(1);
    expect(sample(text, 'mentora_payouts_in_flight{status="PROCESSING"}')).toBe(0);
    expect(
      sample(text, 'mentora_payouts_oldest_in_flight_age_seconds{status="APPROVED"}'),
    ).toBeGreaterThanOrEqual(7200);
  });

  it("times job attempts per queue and counts failures", async () => {
    const ok = defineHandler(
      defineQueue({ name: "telemetry.ok", schema: z.object({}), queue: { retryLimit: 0 } }),
      async (_data, _services: App) => {},
    );
    const failing = defineHandler(
      defineQueue({ name: "telemetry.failing", schema: z.object({}), queue: { retryLimit: 0 } }),
      async (_data, _services: App) => {
        throw new Error("expected failure");
      },
    );
    const definitions = [ok, failing];
    await createQueues(app.boss, definitions);
    await app.boss.send(ok.name, {});
    await app.boss.send(failing.name, {});
    const runner = createJobRunner(app, definitions);
    await runner.start();
    try {
      await vi.waitFor(
        async () => {
          const text = await app.telemetry.metrics.render();
          expect(
            sample(
              text,
              'mentora_job_duration_seconds_count{queue="telemetry.ok",outcome="completed"}',
            ),
          ).toBe(1);
          expect(sample(text, 'mentora_job_failures_total{queue="telemetry.failing"}')).toBe(1);
        },
        { timeout: 20_000, interval: 200 },
      );
    } finally {
      await runner.stop(5_000);
    }
  });
});
