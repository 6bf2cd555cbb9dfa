import type { AppServices } from "../../app/types.ts";
import { processWebhookQueue } from "./process-webhook.queue.ts";

/** Events one sweep turns into jobs: one transaction, one pg-boss insert. */
export const webhookSweepBatch = 500;
/**
 * How often a worker looks for stored events without their job (decision 070). The idle sweep
 * is one lookup on a partial index that holds only the unenqueued events; a sweep that found a
 * full batch runs again at once.
 */
export const webhookSweepEveryMs = 200;

/**
 * The outbox half of webhook ingest (decision 070): the web process stores only the event row;
 * this creates each stored event's webhook.process job, **job id = event id**, and marks the
 * event enqueued, in one transaction. So:
 * - an event stored and not yet enqueued (the worker was down, or died mid-sweep: the
 *   transaction rolled back) is enqueued by the next sweep of any worker;
 * - two sweeps at once take different events (SKIP LOCKED), and even the same event twice could
 *   not make two jobs: pg-boss inserts with ON CONFLICT DO NOTHING on the job id;
 * - events are enqueued in order of arrival (receivedAt), as the ingest statement created them.
 * Returns how many events it enqueued.
 */
export async function enqueueStoredWebhookEvents(
  services: Pick<AppServices, "pool" | "boss">,
  limit = webhookSweepBatch,
): Promise<number> {
  const client = await services.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    // The oldest first; a row another sweep holds is left to it (SKIP LOCKED).
    const { rows } = await client.query<{ id: string }>({
      name: "webhook-sweep-take",
      text: `UPDATE webhook_event SET "enqueuedAt" = now()
        WHERE id IN (SELECT id FROM webhook_event WHERE "enqueuedAt" IS NULL
          ORDER BY "receivedAt", id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      values: [limit],
    });
    if (rows.length > 0) {
      const jobs = rows.map((row) => ({
        id: row.id,
        data: processWebhookQueue.schema.parse({ webhookEventId: row.id }),
      }));
      await services.boss.insert(processWebhookQueue.name, jobs, {
        db: { executeSql: (text: string, values: unknown[] = []) => client.query(text, values) },
      });
    }
    await client.query("COMMIT");
    return rows.length;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollback: Error) => {
      // The connection's state is unknown: it is closed instead of going back to the pool.
      broken = rollback;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
