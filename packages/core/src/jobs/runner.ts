import type { AppServices } from "../app/types.ts";
import { inSpan, SpanKind, takeTraceContext } from "../telemetry/index.ts";
import type { JobDefinition } from "./define.ts";
import { jobDefinitions } from "./index.ts";

const workOptions = { batchSize: 1, pollingIntervalSeconds: 0.5, burstWhenReadyExceeds: 1 };

export interface JobRunner {
  /** Starts polling every queue; resolves once all handlers are registered. */
  start(): Promise<void>;
  /** Stops taking new jobs, waits for running ones (up to timeoutMs), then resolves. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Runs each job definition's handler on its queue, one job per fetch so that a failure retries
 * only that job (pg-boss retries a whole fetched batch when a handler throws).
 */
export function createJobRunner(
  services: AppServices,
  definitions: readonly JobDefinition[] = jobDefinitions,
): JobRunner {
  const { boss, logger, telemetry } = services;
  return {
    async start() {
      for (const job of definitions) {
        // Half-second polls, and no pause between jobs while more are ready: with one job per
        // fetch, the default 2 s poll would cap a queue at one job per 2 s per worker.
        await boss.work<unknown>(job.name, workOptions, async ([item]) => {
          if (!item) return;
          const started = performance.now();
          const { data: raw, parent } = takeTraceContext(item.data);
          await inSpan(
            `job ${job.name}`,
            {
              "messaging.system": "pg-boss",
              "messaging.destination.name": job.name,
              "job.id": item.id,
            },
            async () => {
              try {
                const data = job.schema.parse(raw);
                await job.handle(data, services, { jobId: item.id });
                const seconds = (performance.now() - started) / 1000;
                telemetry.observeJob(job.name, "completed", seconds);
                logger.info(
                  { queue: job.name, jobId: item.id, ms: Math.round(seconds * 1000) },
                  "job done",
                );
              } catch (error) {
                telemetry.observeJob(job.name, "failed", (performance.now() - started) / 1000);
                logger.warn({ queue: job.name, jobId: item.id, err: error }, "job failed");
                throw error;
              }
            },
            { parent, kind: SpanKind.CONSUMER },
          );
        });
        // pg-boss keeps one schedule per queue name: registering again at each start updates it.
        if (job.schedule) {
          await boss.schedule(job.name, job.schedule.cron, {}, { tz: job.schedule.tz ?? "UTC" });
        }
      }
      logger.info({ queues: definitions.map((job) => job.name) }, "worker started");
    },
    async stop(timeoutMs = 30_000) {
      await boss.stop({ graceful: true, close: false, timeout: timeoutMs });
      logger.info("worker stopped");
    },
  };
}
