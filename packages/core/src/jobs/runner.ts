import { inSpan, SpanKind, takeTraceContext } from "@mentora/telemetry";
import type { Job, JobResult } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { type AnyJobHandler, DEFAULT_QUEUE_WORK } from "./define.ts";

export interface JobRunner {
  /** Starts polling every queue; resolves once all handlers are registered. */
  start(): Promise<void>;
  /** Stops taking new jobs, waits for running ones (up to timeoutMs), then resolves. */
  stop(timeoutMs?: number): Promise<void>;
}

/** The pg-boss worker options of a queue, from its contract's `work` (decision 026). */
export function workOptionsOf(job: Pick<AnyJobHandler<never>, "work">) {
  const { concurrency, batchSize } = { ...DEFAULT_QUEUE_WORK, ...job.work };
  return {
    localConcurrency: concurrency,
    batchSize,
    // Each job of a batch settles on its own: a failure retries that job, not its batch-mates.
    perJobResults: true,
    // A full batch means more is waiting: fetch again at once instead of after the poll. At
    // batchSize 1 pg-boss ignores this, and the cached ready count (refreshed every
    // queueCacheIntervalSeconds, create-app.ts) starts the burst instead.
    burstWhenBatchFull: true,
    burstWhenReadyExceeds: 1,
    pollingIntervalSeconds: 0.5,
  } as const;
}

/**
 * Runs each handler on its queue (the worker's are app/job-handlers.ts) with the concurrency and
 * batch size its contract declares. Jobs of one fetched batch run side by side and each is
 * completed or failed by itself, so retries, dead-lettering and telemetry stay per job.
 */
export function createJobRunner(
  services: AppServices,
  definitions: readonly AnyJobHandler<AppServices>[],
): JobRunner {
  const { boss, logger, telemetry } = services;

  async function runOne(job: AnyJobHandler<AppServices>, item: Job<unknown>): Promise<JobResult> {
    const started = performance.now();
    const { data: raw, parent } = takeTraceContext(item.data);
    return inSpan(
      `job ${job.name}`,
      {
        "messaging.system": "pg-boss",
        "messaging.destination.name": job.name,
        "job.id": item.id,
      },
      async () => {
        try {
          await job.run(raw, services, { jobId: item.id });
          const seconds = (performance.now() - started) / 1000;
          telemetry.observeJob(job.name, "completed", seconds);
          logger.info(
            { queue: job.name, jobId: item.id, ms: Math.round(seconds * 1000) },
            "job done",
          );
          return { id: item.id, status: "completed" };
        } catch (error) {
          telemetry.observeJob(job.name, "failed", (performance.now() - started) / 1000);
          logger.warn({ queue: job.name, jobId: item.id, err: error }, "job failed");
          // pg-boss stores the output as the job's error and retries it per the queue's policy.
          return { id: item.id, status: "failed", output: error };
        }
      },
      { parent, kind: SpanKind.CONSUMER },
    );
  }

  /** The queues' outbox sweeps (decision 070): each loops until stop. */
  let feeding = false;
  const feeds: Promise<void>[] = [];
  /** The pauses between sweeps, cut short by stop. */
  const pauses = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pauses.delete(done);
        resolve();
      };
      // Unref'd: a sweep's pause alone never keeps a process alive.
      const timer = setTimeout(done, ms).unref();
      pauses.add(done);
    });

  function stopFeeding() {
    feeding = false;
    for (const done of [...pauses]) done();
  }

  async function feedLoop(job: AnyJobHandler<AppServices>) {
    const feed = job.feed;
    if (!feed) return;
    while (feeding) {
      let made = 0;
      try {
        made = await feed.sweep(services, feed.limit);
      } catch (error) {
        // The rows stay for the next sweep (of this worker or another).
        logger.warn({ queue: job.name, err: error }, "outbox sweep failed");
      }
      if (feeding && made < feed.limit) await pause(feed.everyMs);
    }
  }

  return {
    async start() {
      feeding = true;
      // Whoever stops pg-boss (app.close, a stop elsewhere) stops the sweeps too.
      boss.once("stopped", stopFeeding);
      for (const job of definitions) {
        await boss.work<unknown>(job.name, workOptionsOf(job), (items) =>
          Promise.all(items.map((item) => runOne(job, item))),
        );
        // pg-boss keeps one schedule per queue name: registering again at each start updates it.
        if (job.schedule) {
          await boss.schedule(job.name, job.schedule.cron, {}, { tz: job.schedule.tz ?? "UTC" });
        }
      }
      for (const job of definitions) if (job.feed) feeds.push(feedLoop(job));
      logger.info({ queues: definitions.map((job) => job.name) }, "worker started");
    },
    async stop(timeoutMs = 30_000) {
      // No new jobs from the outbox: the running sweep finishes (its transaction commits or
      // rolls back whole), the rows left wait for the next worker.
      stopFeeding();
      await Promise.all(feeds.splice(0));
      await boss.stop({ graceful: true, close: false, timeout: timeoutMs });
      logger.info("worker stopped");
    },
  };
}
