import type { PgBoss, QueueResult, UpdateQueueOptions } from "pg-boss";
import type { QueueContract } from "./define.ts";

export {
  type ProblemJob,
  type QueueCounts,
  readQueueCounts,
} from "./admin/queue-state.ts";
export {
  type AnyJobHandler,
  DEFAULT_QUEUE_WORK,
  defineHandler,
  defineQueue,
  enqueue,
  type JobHandler,
  type JobMeta,
  type QueueContract,
  type QueueWork,
} from "./define.ts";
export { deterministicJobId } from "./deterministic-job-id.ts";

/**
 * What pg-boss 12 stores for an option a queue is created without: an option removed from a
 * definition goes back to this on existing queues. A test compares it with a fresh queue, so a
 * pg-boss upgrade that changes a default fails there instead of drifting silently.
 */
export const QUEUE_OPTION_DEFAULTS = {
  retryLimit: 2,
  retryDelay: 0,
  retryBackoff: false,
  retryDelayMax: null,
  expireInSeconds: 900,
  retentionSeconds: 1_209_600,
  deleteAfterSeconds: 604_800,
  heartbeatSeconds: null,
  deadLetter: null,
} as const satisfies UpdateQueueOptions;

type SyncedOption = keyof typeof QUEUE_OPTION_DEFAULTS;
const SYNCED_OPTIONS = Object.keys(QUEUE_OPTION_DEFAULTS) as SyncedOption[];

/**
 * The options to give `updateQueue` so a stored queue matches its definition (retries, backoff,
 * expiry, retention, heartbeat, dead letter), or null when it already does. Policy and
 * partitioning cannot change after creation (pg-boss refuses): a queue that needs another policy
 * needs a new name.
 */
export function queueOptionChanges(
  stored: QueueResult,
  definition: QueueContract,
): UpdateQueueOptions | null {
  const changes: Record<string, unknown> = {};
  for (const key of SYNCED_OPTIONS) {
    const wanted = definition.queue[key] ?? QUEUE_OPTION_DEFAULTS[key];
    if ((stored[key] ?? null) !== wanted) changes[key] = wanted;
  }
  return Object.keys(changes).length > 0 ? (changes as UpdateQueueOptions) : null;
}

/**
 * Creates each queue of the list (core's is app/job-queues.ts), and its dead-letter queue first,
 * which pg-boss requires, and brings an existing queue's options in step with its contract: a
 * retry or dead-letter change in code reaches deployments whose queues were created by an older
 * release. Idempotent, so both web and worker run it at start and neither depends on the other
 * having started. Returns the names of the queues it updated.
 */
export async function createQueues(
  boss: PgBoss,
  definitions: readonly QueueContract[],
): Promise<string[]> {
  const existing = new Map((await boss.getQueues()).map((queue) => [queue.name, queue]));
  const updated: string[] = [];
  for (const job of definitions) {
    const deadLetter = job.queue.deadLetter;
    if (deadLetter && !existing.has(deadLetter)) {
      await boss.createQueue(deadLetter);
      existing.set(deadLetter, { name: deadLetter } as QueueResult);
    }
    const stored = existing.get(job.name);
    if (!stored) {
      await boss.createQueue(job.name, job.queue);
      existing.set(job.name, { name: job.name, ...job.queue } as QueueResult);
      continue;
    }
    const changes = queueOptionChanges(stored, job);
    if (changes) {
      await boss.updateQueue(job.name, changes);
      updated.push(job.name);
    }
  }
  return updated;
}

/**
 * Removes the queues a former release created that no code sends to or handles any more
 * (core's list: `retiredQueues` in app/job-queues.ts). Deleting a queue drops its jobs and its
 * schedule rows with it (pg-boss's schedule table cascades), so a cron registered by an older
 * worker stops enqueuing jobs nobody takes. Idempotent, run at start with createQueues. Returns
 * the names it removed.
 */
export async function retireQueues(boss: PgBoss, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const present = await boss.getQueues([...names]);
  for (const queue of present) await boss.deleteQueue(queue.name);
  return present.map((queue) => queue.name);
}
