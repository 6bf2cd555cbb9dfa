import type { AppServices } from "../app/types.ts";
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
  const { boss, logger } = services;
  return {
    async start() {
      for (const job of definitions) {
        // Half-second polls, and no pause between jobs while more are ready: with one job per
        // fetch, the default 2 s poll would cap a queue at one job per 2 s per worker.
        await boss.work<unknown>(job.name, workOptions, async ([item]) => {
          if (!item) return;
          const data = job.schema.parse(item.data);
          const started = performance.now();
          try {
            await job.handle(data, services, { jobId: item.id });
            logger.info(
              { queue: job.name, jobId: item.id, ms: Math.round(performance.now() - started) },
              "job done",
            );
          } catch (error) {
            logger.warn({ queue: job.name, jobId: item.id, err: error }, "job failed");
            throw error;
          }
        });
      }
      // Cron entries live in pg-boss's schedule table: every worker (re)writes the same ones,
      // and pg-boss sends each tick once whichever worker's clock fires.
      for (const job of definitions) {
        if (job.schedule) await boss.schedule(job.name, job.schedule.cron, {}, { tz: "UTC" });
      }
      logger.info({ queues: definitions.map((job) => job.name) }, "worker started");
    },
    async stop(timeoutMs = 30_000) {
      await boss.stop({ graceful: true, close: false, timeout: timeoutMs });
      logger.info("worker stopped");
    },
  };
}
