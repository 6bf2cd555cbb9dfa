import pg from "pg";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { defineHandler, type QueueContract } from "../define.ts";

/**
 * A queue with another queue's settings and a handler that does nothing: the floor a real
 * queue's throughput is compared with (same polling, batch and concurrency, no work).
 */
export function noopTwinOf<Services>(contract: QueueContract, name = `${contract.name}.noop`) {
  return defineHandler(
    { ...contract, name, schema: z.object({}).passthrough(), schedule: undefined },
    async (_data: unknown, _services: Services) => {},
  );
}

/** What insertAndDrain reads job states with (a pg Pool fits). */
export interface Queryable {
  query(text: string, values: unknown[]): Promise<{ rows: { state: string; n: number }[] }>;
}

/**
 * Inserts these jobs at once and resolves when every one of them is completed: the time it
 * takes is what a running worker needs to drain a burst of that size. It waits for the queue
 * to hold nothing left to run (a bench queue gets no other jobs meanwhile), which Postgres
 * answers from the queue's state index whatever the burst size, then checks that every job
 * of the burst completed (a 10,000-id lookup every 10 ms would load the database it measures).
 */
export async function insertAndDrain(
  boss: PgBoss,
  db: Queryable,
  queue: string,
  data: object[],
): Promise<void> {
  const ids = data.map(() => crypto.randomUUID());
  await boss.insert(
    queue,
    data.map((item, index) => ({ id: ids[index], data: item })),
  );
  for (;;) {
    const { rows } = await db.query(
      `SELECT state, count(*)::int AS n FROM pgboss.job
       WHERE name = $1 AND state IN ('created', 'retry', 'active') GROUP BY state`,
      [queue],
    );
    if (rows.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const { rows } = await db.query(
    `SELECT state, count(*)::int AS n FROM pgboss.job
     WHERE name = $1 AND id = ANY($2::uuid[]) GROUP BY state`,
    [queue, ids],
  );
  const count = (state: string) => rows.find((row) => row.state === state)?.n ?? 0;
  if (count("completed") !== ids.length) {
    throw new Error(`${ids.length - count("completed")} jobs of ${queue} did not complete`);
  }
}

let statementsSent: number | undefined;

/**
 * Counts the statements every pg client of the process sends (Prisma's adapter, pg-boss, raw
 * pools), less insertAndDrain's own polls, and returns a reader of the count so far: read it
 * before and after a burst for statements per job, a figure the machine's load does not move
 * (decisions 063, 073).
 */
export function countStatements(): () => number {
  if (statementsSent === undefined) {
    statementsSent = 0;
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text;
      if (!text?.includes("count(*)::int AS n FROM pgboss.job")) statementsSent! += 1;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  }
  return () => statementsSent ?? 0;
}
