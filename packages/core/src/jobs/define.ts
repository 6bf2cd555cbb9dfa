import type { PgBoss, Queue, SendOptions } from "pg-boss";
import type { z } from "zod";
import type { AppServices } from "../app/types.ts";
import { withTraceContext } from "../telemetry/index.ts";

export type JobServices = AppServices;

export interface JobDefinition<Schema extends z.ZodType = z.ZodType, Services = JobServices> {
  /** Queue name, `domain.action`. */
  name: string;
  /** Job data is parsed on both ends: when sent and when handled. */
  schema: Schema;
  /** Retries, backoff, expiry and dead-lettering for this queue. */
  queue: Omit<Queue, "name">;
  /** Runs on a cron schedule (UTC unless tz is given); the worker registers it at start. */
  schedule?: { cron: string; tz?: string };
  /** Must be idempotent: pg-boss can run a job again (retry, expiry) after a partial success. */
  handle(data: z.output<Schema>, services: Services, meta: { jobId: string }): Promise<void>;
}

export function defineJob<Schema extends z.ZodType, Services = JobServices>(
  definition: JobDefinition<Schema, Services>,
): JobDefinition<Schema, Services> {
  return definition;
}

/**
 * Sends a job after validating its data. Pass `options.db` (pg-boss `fromPrisma(tx)`) to enqueue
 * inside the transaction that made the state change, so neither can exist without the other.
 */
export async function enqueue<Schema extends z.ZodType>(
  boss: PgBoss,
  job: JobDefinition<Schema, never>,
  data: z.input<Schema>,
  options: SendOptions = {},
): Promise<string | null> {
  const parsed = job.schema.parse(data) as object;
  // When tracing, the job carries the request's trace context: its span joins that trace.
  return boss.send(job.name, withTraceContext(parsed), options);
}
