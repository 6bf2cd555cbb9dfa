import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./context.ts";

/**
 * /metrics of the BUILT web server, over HTTP (no browser): process metrics, tRPC calls, and the
 * queue gauges read from pg-boss's tables at scrape time.
 */
const baseUrl = inject("webBaseUrl");
const queue = "e2e.metrics-probe";
let boss: PgBoss;

beforeAll(async () => {
  boss = new PgBoss({
    connectionString: inject("webDatabaseUrl"),
    supervise: false,
    schedule: false,
  });
  await boss.start();
  // No worker handles this queue: its jobs wait, which is what the depth gauge must show.
  await boss.createQueue(queue);
});
afterAll(async () => {
  await boss?.deleteQueue(queue);
  await boss?.stop({ graceful: false });
});

function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return response.text();
}

describe("/metrics of the built web server", () => {
  it("shows the depth of a queue as the number of jobs waiting in it", async () => {
    expect(sample(await scrape(), `mentora_queue_depth{queue="${queue}"}`)).toBe(0);
    for (let i = 0; i < 4; i += 1) await boss.send(queue, { i });
    const text = await scrape();
    expect(sample(text, `mentora_queue_depth{queue="${queue}"}`)).toBe(4);
    expect(
      sample(text, `mentora_queue_oldest_job_age_seconds{queue="${queue}"}`),
    ).toBeGreaterThanOrEqual(0);
    expect(
      sample(text, 'mentora_db_pool_connections{pool="app",state="total"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it("has the process metrics and counts tRPC calls made over HTTP", async () => {
    const before = sample(
      await scrape(),
      'mentora_trpc_procedure_duration_seconds_count{procedure="health.check",type="query",outcome="ok"}',
    );
    const call = await fetch(`${baseUrl}/api/trpc/health.check`);
    expect(call.status).toBe(200);
    const text = await scrape();
    expect(
      sample(
        text,
        'mentora_trpc_procedure_duration_seconds_count{procedure="health.check",type="query",outcome="ok"}',
      ),
    ).toBe((before ?? 0) + 1);
    for (const name of [
      "nodejs_eventloop_lag_p99_seconds",
      "nodejs_heap_size_used_bytes",
      "nodejs_gc_duration_seconds",
      "mentora_webhooks_received_total",
      "mentora_http_request_duration_seconds",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});
