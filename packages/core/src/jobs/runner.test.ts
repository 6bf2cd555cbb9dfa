// The runner takes a burst of jobs side by side (the queue's concurrency × batch size), settles
// each job of a batch on its own, keeps singleton keys one at a time (payouts per mentor), and
// feeds a queue from its outbox (decision 070).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { App } from "../app/index.ts";
import { createTestApp } from "../testing/index.ts";
import { defineHandler, defineQueue } from "./define.ts";
import { createQueues } from "./index.ts";
import { createJobRunner, type JobRunner } from "./runner.ts";

let app: App;
let runner: JobRunner;

/** Resolves once `count` callers are waiting, or after `patienceMs` so a failing test ends. */
function barrier(count: number, patienceMs = 10_000) {
  const waiting: (() => void)[] = [];
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length >= count) for (const release of waiting.splice(0)) release();
      else setTimeout(resolve, patienceMs);
    });
}

/** Running jobs, with the most that ever ran at once, overall and per key. */
function inFlight() {
  const running = new Map<string, number>();
  let now = 0;
  const stats = { most: 0, mostPerKey: 0 };
  return {
    stats,
    async around(key: string, work: () => Promise<void>) {
      now += 1;
      running.set(key, (running.get(key) ?? 0) + 1);
      stats.most = Math.max(stats.most, now);
      stats.mostPerKey = Math.max(stats.mostPerKey, running.get(key) ?? 0);
      try {
        await work();
      } finally {
        now -= 1;
        running.set(key, (running.get(key) ?? 1) - 1);
      }
    },
  };
}

const schema = z.object({ key: z.string(), n: z.number() });

// 2 pollers × 3 jobs a fetch: 6 at once. Each job waits until 6 are running, so the burst can
// only finish promptly if they really run side by side.
const burstFlight = inFlight();
const burstGate = barrier(6);
const burstJob = defineHandler(
  defineQueue({
    name: "test.runner-burst",
    schema,
    queue: { retryLimit: 0 },
    work: { concurrency: 2, batchSize: 3 },
  }),
  async (data) => burstFlight.around(data.key, burstGate),
);

// One job of a batch fails on its first attempt: only it is retried.
const attempts = new Map<number, number>();
const partialJob = defineHandler(
  defineQueue({
    name: "test.runner-partial",
    schema,
    queue: { retryLimit: 2, retryDelay: 0 },
    work: { concurrency: 1, batchSize: 3 },
  }),
  async (data) => {
    const attempt = (attempts.get(data.n) ?? 0) + 1;
    attempts.set(data.n, attempt);
    if (data.n === 1 && attempt === 1) throw new Error("first attempt fails");
  },
);

// Like payout.execute: singleton policy, the mentor as singleton key. Two mentors run side by
// side; one mentor's jobs never overlap.
const singletonFlight = inFlight();
// Three rounds (three jobs per key): a round whose pair was not fetched together must not
// wait so long that three of them outlast the test (seen on a loaded CI machine).
const singletonGate = barrier(2, 3_000);
const singletonJob = defineHandler(
  defineQueue({
    name: "test.runner-singleton",
    schema,
    queue: { policy: "singleton", retryLimit: 0 },
    work: { concurrency: 2, batchSize: 5 },
  }),
  async (data) => singletonFlight.around(data.key, singletonGate),
);

// A queue fed from an outbox (here in memory): the runner sweeps it into jobs, 3 at a time, job
// id = the row's id; its first sweep fails (the rows stay for the next one).
const outbox: { id: string; n: number }[] = [];
const fedRuns: number[] = [];
let sweeps = 0;
const fedJob = defineHandler(
  defineQueue({ name: "test.runner-fed", schema, queue: { retryLimit: 0 } }),
  async (data) => {
    fedRuns.push(data.n);
  },
  {
    feed: {
      everyMs: 20,
      limit: 3,
      async sweep(services: App, limit: number) {
        sweeps += 1;
        if (sweeps === 1) throw new Error("first sweep fails");
        const taken = outbox.splice(0, limit);
        if (taken.length > 0) {
          await services.boss.insert(
            "test.runner-fed",
            taken.map((row) => ({ id: row.id, data: { key: "fed", n: row.n } })),
          );
        }
        return taken.length;
      },
    },
  },
);

beforeAll(async () => {
  app = await createTestApp();
  await createQueues(app.boss, [burstJob, partialJob, singletonJob, fedJob]);
  runner = createJobRunner(app, [burstJob, partialJob, singletonJob, fedJob]);
  await runner.start();
});
afterAll(async () => {
  await runner?.stop(5_000);
  await app?.close();
});

async function statesOf(queue: string, ids: string[]) {
  const rows = await app.prisma.$queryRaw<{ id: string; state: string; retry_count: number }[]>`
    SELECT id::text, state::text, retry_count FROM pgboss.job
    WHERE name = ${queue} AND id::text = ANY(${ids})`;
  return new Map(rows.map((row) => [row.id, row]));
}

async function untilSettled(queue: string, ids: string[]) {
  for (;;) {
    const states = await statesOf(queue, ids);
    if ([...states.values()].every((row) => ["completed", "failed"].includes(row.state))) {
      return states;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function insert(queue: string, jobs: { key: string; n: number }[]) {
  const ids = jobs.map(() => crypto.randomUUID());
  await app.boss.insert(
    queue,
    jobs.map((data, index) => ({ id: ids[index], data, singletonKey: data.key })),
  );
  return ids;
}

describe("job runner", () => {
  it("runs a burst concurrency × batchSize at a time", async () => {
    const ids = await insert(
      burstJob.name,
      Array.from({ length: 12 }, (_, n) => ({ key: `k${n}`, n })),
    );
    const states = await untilSettled(burstJob.name, ids);
    expect([...states.values()].map((row) => row.state)).toEqual(Array(12).fill("completed"));
    expect(burstFlight.stats.most).toBe(6);
  });

  it("retries only the job of a batch that failed", async () => {
    const ids = await insert(
      partialJob.name,
      [0, 1, 2].map((n) => ({ key: `p${n}`, n })),
    );
    const states = await untilSettled(partialJob.name, ids);
    expect(ids.map((id) => states.get(id)?.state)).toEqual(["completed", "completed", "completed"]);
    expect(ids.map((id) => states.get(id)?.retry_count)).toEqual([0, 1, 0]);
    expect([0, 1, 2].map((n) => attempts.get(n))).toEqual([1, 2, 1]);
  });

  it("keeps one job per singleton key at a time while other keys run beside it", async () => {
    const ids = await insert(
      singletonJob.name,
      ["a", "b", "a", "b", "a", "b"].map((key, n) => ({ key, n })),
    );
    const states = await untilSettled(singletonJob.name, ids);
    expect([...states.values()].map((row) => row.state)).toEqual(Array(6).fill("completed"));
    expect(singletonFlight.stats.mostPerKey).toBe(1);
    expect(singletonFlight.stats.most).toBe(2);
  });

  it("sweeps a fed queue's outbox into jobs, past a failed sweep, each row once", async () => {
    const rows = Array.from({ length: 7 }, (_, n) => ({ id: crypto.randomUUID(), n }));
    outbox.push(...rows);
    const ids = rows.map((row) => row.id);
    // Settled, and every row's job made (untilSettled alone passes while none exists yet).
    let states = await untilSettled(fedJob.name, ids);
    while (states.size < rows.length) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      states = await untilSettled(fedJob.name, ids);
    }
    expect(rows.map((row) => states.get(row.id)?.state)).toEqual(Array(7).fill("completed"));
    expect([...fedRuns].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sweeps).toBeGreaterThan(1);
  });
});
