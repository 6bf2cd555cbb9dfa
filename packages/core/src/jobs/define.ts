import { withTraceContext } from "@mentora/telemetry";
import type { PgBoss, Queue, SendOptions } from "pg-boss";
import type { z } from "zod";

/**
 * A queue's contract: what producers import (`x.queue.ts`). It holds no handler, so sending a
 * job never drags the handler's imports in; the worker pairs it with one in `app/job-handlers.ts`.
 */
export interface QueueContract<Schema extends z.ZodType = z.ZodType> {
  /** Queue name, `domain.action`. */
  name: string;
  /** Job data is parsed on both ends: when sent and when handled. */
  schema: Schema;
  /** Retries, backoff, expiry and dead-lettering for this queue. */
  queue: Omit<Queue, "name">;
  /** Runs on a cron schedule (UTC unless tz is given); the worker registers it at start. */
  schedule?: { cron: string; tz?: string };
  /** How a worker process takes this queue's jobs; DEFAULT_QUEUE_WORK fills what is left out. */
  work?: QueueWork;
}

/**
 * How many of a queue's jobs one worker process runs at once: `concurrency` pollers, each
 * fetching up to `batchSize` jobs that run side by side and settle one by one (a failure
 * retries only its own job). So up to concurrency × batchSize jobs in flight per process; fit
 * it to the work (CPU-bound rendering wants few, I/O-bound calls more) and to DATABASE_POOL_MAX.
 */
export interface QueueWork {
  /** Pollers of this queue in one process (pg-boss localConcurrency). */
  concurrency?: number;
  /** Jobs one fetch takes; a full batch makes the poller fetch again at once (no poll wait). */
  batchSize?: number;
}

/** What a queue without its own `work` gets: 10 jobs in flight, enough for I/O-bound jobs. */
export const DEFAULT_QUEUE_WORK = { concurrency: 2, batchSize: 5 } as const satisfies QueueWork;

export function defineQueue<Schema extends z.ZodType>(
  contract: QueueContract<Schema>,
): QueueContract<Schema> {
  return contract;
}

export interface JobMeta {
  jobId: string;
}

/**
 * An outbox the worker turns into this queue's jobs (decision 070): the producer's round trip
 * stores only its own row, and `sweep` (run by the job runner every `everyMs` while it runs,
 * and again at once while a sweep fills its `limit`) creates the jobs of the rows still without
 * one, returning how many it made. It must make one job per row however many sweeps race (a
 * job id derived from the row) and leave a row for the next sweep when it fails.
 */
export interface QueueFeed<Services> {
  everyMs: number;
  limit: number;
  sweep(services: Services, limit: number): Promise<number>;
}

/**
 * A handler with its payload type erased, which is what lets the worker's list hold handlers of
 * different payloads without a cast: `run` takes the stored data as unknown and parses it with
 * the queue's own schema before the typed handler sees it.
 */
export interface AnyJobHandler<Services> extends QueueContract {
  run(raw: unknown, services: Services, meta: JobMeta): Promise<void>;
  feed?: QueueFeed<Services>;
}

/** A queue's contract with its handler (`x.job.ts`); `handle` is typed from the schema. */
export interface JobHandler<Schema extends z.ZodType, Services> extends QueueContract<Schema> {
  /** Must be idempotent: pg-boss can run a job again (retry, expiry) after a partial success. */
  handle(data: z.output<Schema>, services: Services, meta: JobMeta): Promise<void>;
  run(raw: unknown, services: Services, meta: JobMeta): Promise<void>;
  feed?: QueueFeed<Services>;
}

/**
 * Pairs a queue with its handler. The services type is the handler's to name (core's handlers
 * take AppServices), so this module knows nothing of the app that runs it.
 */
export function defineHandler<Schema extends z.ZodType, Services>(
  contract: QueueContract<Schema>,
  handle: (data: z.output<Schema>, services: Services, meta: JobMeta) => Promise<void>,
  options: { feed?: QueueFeed<Services> } = {},
): JobHandler<Schema, Services> {
  return {
    ...contract,
    ...options,
    handle,
    run: async (raw, services, meta) => handle(contract.schema.parse(raw), services, meta),
  };
}

/**
 * Sends a job after validating its data. Pass `options.db` (pg-boss `fromPrisma(tx)`) to enqueue
 * inside the transaction that made the state change, so neither can exist without the other.
 */
export async function enqueue<Schema extends z.ZodType>(
  boss: PgBoss,
  queue: QueueContract<Schema>,
  data: z.input<Schema>,
  options: SendOptions = {},
): Promise<string | null> {
  const parsed = queue.schema.parse(data) as object;
  // When tracing, the job carries the request's trace context: its span joins that trace.
  return boss.send(queue.name, withTraceContext(parsed), options);
}
