/**
 * Reads pg-boss's tables directly for what its API only gives cached (getQueues' counts, kept by
 * the worker's monitor) or not at all (failed jobs across queues with their error).
 */

/** pg-boss's schema (the default; createApp does not change it). */
export const BOSS_SCHEMA = "pgboss";

/** A pg Pool, PoolClient or anything with its query(). */
export interface Queryable {
  query<Row extends object>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}

export interface QueueCounts {
  name: string;
  /** Where this queue's jobs go after their last retry, if anywhere. */
  deadLetter: string | null;
  /** Some queue sends its dead jobs here: every job waiting in it is a dead job. */
  isDeadLetter: boolean;
  /** Created or retrying, start time reached. */
  ready: number;
  /** Created or retrying, start time ahead. */
  deferred: number;
  active: number;
  /** Failed and still retained (a queue without a dead-letter queue keeps them here). */
  failed: number;
  /** Age of the oldest ready job; 0 when none is ready. */
  oldestSeconds: number;
}

interface QueueRow {
  name: string;
  dead_letter: string | null;
  is_dead_letter: boolean;
  ready: number;
  deferred: number;
  active: number;
  failed: number;
  oldest_seconds: number | null;
}

/** Every queue with its jobs counted by state, as they are now. */
export async function readQueueCounts(db: Queryable): Promise<QueueCounts[]> {
  const { rows } = await db.query<QueueRow>(
    `SELECT q.name,
            q.dead_letter,
            EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.queue d WHERE d.dead_letter = q.name) AS is_dead_letter,
            count(j.id) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now())::int AS ready,
            count(j.id) FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after > now())::int AS deferred,
            count(j.id) FILTER (WHERE j.state = 'active')::int AS active,
            count(j.id) FILTER (WHERE j.state = 'failed')::int AS failed,
            extract(epoch FROM now() - min(j.created_on)
              FILTER (WHERE j.state IN ('created', 'retry') AND j.start_after <= now()))::float8 AS oldest_seconds
       FROM ${BOSS_SCHEMA}.queue q
       LEFT JOIN ${BOSS_SCHEMA}.job j
         ON j.name = q.name AND j.state IN ('created', 'retry', 'active', 'failed')
      GROUP BY q.name, q.dead_letter
      ORDER BY q.name`,
  );
  return rows.map((row) => ({
    name: row.name,
    deadLetter: row.dead_letter,
    isDeadLetter: row.is_dead_letter,
    ready: row.ready,
    deferred: row.deferred,
    active: row.active,
    failed: row.failed,
    oldestSeconds: Math.max(0, row.oldest_seconds ?? 0),
  }));
}

export type ProblemKind = "failed" | "dead";

export interface ProblemJob {
  id: string;
  queue: string;
  /** failed: out of retries in a queue without a dead-letter queue; dead: in a dead-letter queue. */
  kind: ProblemKind;
  /** For a dead job, the queue it failed on. */
  sourceQueue: string | null;
  /** The error the last attempt failed with (pg-boss keeps it in the job's output). */
  error: string | null;
  retryCount: number;
  createdOn: Date;
  /** When it failed (failed jobs) or arrived in the dead-letter queue (dead jobs). */
  failedOn: Date;
}

interface ProblemRow {
  id: string;
  name: string;
  kind: ProblemKind;
  source_name: string | null;
  output: unknown;
  retry_count: number;
  created_on: Date;
  failed_on: Date;
}

/**
 * Failed jobs of queues without a dead-letter queue, and jobs waiting in dead-letter queues,
 * newest first.
 */
export async function listProblemJobs(
  db: Queryable,
  options: { queue?: string | undefined; limit: number },
): Promise<ProblemJob[]> {
  const { rows } = await db.query<ProblemRow>(
    `SELECT j.id, j.name,
            CASE WHEN j.state = 'failed' THEN 'failed' ELSE 'dead' END AS kind,
            j.source_name,
            CASE WHEN j.state = 'failed' THEN j.output ELSE j.source_output END AS output,
            CASE WHEN j.state = 'failed' THEN j.retry_count ELSE coalesce(j.source_retry_count, 0) END AS retry_count,
            coalesce(j.source_created_on, j.created_on) AS created_on,
            CASE WHEN j.state = 'failed' THEN coalesce(j.completed_on, j.created_on) ELSE j.created_on END AS failed_on
       FROM ${BOSS_SCHEMA}.job j
      WHERE ((j.state = 'failed'
              -- A queue with a dead-letter queue copied the job there: list that copy only.
              AND NOT EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.queue s
                               WHERE s.name = j.name AND s.dead_letter IS NOT NULL))
             OR (j.state IN ('created', 'retry')
                 AND j.name IN (SELECT dead_letter FROM ${BOSS_SCHEMA}.queue WHERE dead_letter IS NOT NULL)))
        AND ($1::text IS NULL OR j.name = $1)
      ORDER BY failed_on DESC, j.id
      LIMIT $2`,
    [options.queue ?? null, options.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    queue: row.name,
    kind: row.kind,
    sourceQueue: row.source_name,
    error: errorMessageOf(row.output),
    retryCount: row.retry_count,
    createdOn: row.created_on,
    failedOn: row.failed_on,
  }));
}

/** The state of one job, or null when there is none with this id in this queue. */
export async function jobState(
  db: Queryable,
  queue: string,
  id: string,
): Promise<{ state: string; isInDeadLetterQueue: boolean } | null> {
  const { rows } = await db.query<{ state: string; dead: boolean }>(
    `SELECT j.state::text AS state,
            EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.queue d WHERE d.dead_letter = j.name) AS dead
       FROM ${BOSS_SCHEMA}.job j
      WHERE j.name = $1 AND j.id = $2::uuid`,
    [queue, id],
  );
  const row = rows[0];
  return row ? { state: row.state, isInDeadLetterQueue: row.dead } : null;
}

/** pg-boss stores a thrown error as { name, message, stack }; only the message is shown. */
function errorMessageOf(output: unknown): string | null {
  if (output === null || output === undefined) return null;
  if (typeof output === "object" && "message" in output) {
    const message = (output as { message: unknown }).message;
    if (typeof message === "string") return message.slice(0, 1000);
  }
  return JSON.stringify(output).slice(0, 1000);
}
