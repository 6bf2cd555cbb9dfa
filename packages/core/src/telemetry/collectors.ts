import type { Db } from "@mentora/db";
import type { Metrics } from "@mentora/telemetry";
import { appMetricNames } from "@mentora/telemetry";
import type { Pool } from "pg";
import { readQueueCounts } from "../jobs/admin/queue-state.ts";

/**
 * Queue depth, jobs by state and the age of the oldest waiting job, per pg-boss queue, read at
 * scrape time. Counted on the job table rather than from getQueues(): those counts are cached by
 * the worker's monitor and lag behind, and a dashboard must show the backlog as it is.
 */
export function collectQueueMetrics(metrics: Metrics, pool: Pool): void {
  const n = appMetricNames;
  const depth = metrics.gauge(
    n.queueDepth,
    "Jobs ready to run now (created or retrying, start time reached), per queue.",
    ["queue"],
  );
  const jobs = metrics.gauge(
    n.queueJobs,
    "Jobs per queue and state: ready, deferred (start time ahead), active, failed (retained).",
    ["queue", "state"],
  );
  const oldest = metrics.gauge(
    n.queueOldestAge,
    "Age in seconds of the oldest job ready to run, per queue (0 when none waits).",
    ["queue"],
  );
  const dead = metrics.gauge(
    n.deadJobs,
    "Jobs waiting in a dead-letter queue (out of retries), per dead-letter queue.",
    ["queue"],
  );
  metrics.onCollect(async () => {
    const queues = await readQueueCounts(pool);
    depth.reset();
    jobs.reset();
    oldest.reset();
    dead.reset();
    for (const queue of queues) {
      const name = queue.name;
      depth.set({ queue: name }, queue.ready);
      for (const state of ["ready", "deferred", "active", "failed"] as const) {
        jobs.set({ queue: name, state }, queue[state]);
      }
      oldest.set({ queue: name }, queue.oldestSeconds);
      if (queue.isDeadLetter) dead.set({ queue: name }, queue.ready + queue.deferred);
    }
  });
}

/** Connections of each pg pool of this process: total, idle, and clients waiting for one. */
export function collectPoolMetrics(metrics: Metrics, pools: Readonly<Record<string, Pool>>): void {
  const gauge = metrics.gauge(
    appMetricNames.dbPoolConnections,
    "Connections of this process's database pools (total, idle) and clients waiting for one.",
    ["pool", "state"],
  );
  metrics.onCollect(async () => {
    for (const [name, pool] of Object.entries(pools)) {
      gauge.set({ pool: name, state: "total" }, pool.totalCount);
      gauge.set({ pool: name, state: "idle" }, pool.idleCount);
      gauge.set({ pool: name, state: "waiting" }, pool.waitingCount);
    }
  });
}

/**
 * Payouts an admin approved that are not settled yet, and how long the oldest has waited: a
 * payout stuck in APPROVED or PROCESSING means money promised and not moving.
 */
export function collectPayoutMetrics(metrics: Metrics, prisma: Db): void {
  const n = appMetricNames;
  const count = metrics.gauge(n.payoutsInFlight, "Payouts approved or processing.", ["status"]);
  const oldest = metrics.gauge(
    n.payoutsOldestInFlightAge,
    "Seconds since the oldest approved or processing payout last changed (0 when none).",
    ["status"],
  );
  metrics.onCollect(async () => {
    const groups = await prisma.payout.groupBy({
      by: ["status"],
      where: { status: { in: ["APPROVED", "PROCESSING"] } },
      _count: { _all: true },
      _min: { updatedAt: true },
    });
    const now = Date.now();
    for (const status of ["APPROVED", "PROCESSING"] as const) {
      const group = groups.find((g) => g.status === status);
      count.set({ status }, group?._count._all ?? 0);
      const since = group?._min.updatedAt;
      oldest.set({ status }, since ? Math.max(0, (now - since.getTime()) / 1000) : 0);
    }
  });
}
