import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { retentionQueue } from "./retention.queue.ts";

/** Rows per DELETE: short statements, no long lock on a table the edge writes to. */
const batchSize = 5_000;

export interface RetentionResult {
  webhookEvents: number;
  videoCallbacks: number;
  sessions: number;
  notifications: number;
}

/**
 * Daily: deletes what is kept only for a while (decision 015). Processed payment webhooks (their
 * raw bodies) and video callbacks older than RETENTION_WEBHOOK_DAYS, and sign-in sessions
 * RETENTION_SESSION_DAYS past their expiry, and notifications older than
 * NOTIFICATION_RETENTION_DAYS (issue #15). Failed or dead events stay until an admin replays
 * them; the ledger, payments, refunds and invoices are never touched.
 */
export const retentionJob = defineHandler(retentionQueue, async (_data, services: AppServices) => {
  await runRetention(services);
});

export async function runRetention(
  services: Pick<AppServices, "prisma" | "config" | "logger">,
  now = new Date(),
): Promise<RetentionResult> {
  const { prisma, config } = services;
  const webhookCutoff = new Date(now.getTime() - config.retention.webhookMs);
  const sessionCutoff = new Date(now.getTime() - config.retention.expiredSessionMs);
  const notificationCutoff = new Date(now.getTime() - config.notifications.retentionMs);
  const result: RetentionResult = {
    webhookEvents: 0,
    videoCallbacks: 0,
    sessions: 0,
    notifications: 0,
  };
  const drain = async (remove: () => Promise<number>): Promise<number> => {
    let total = 0;
    for (;;) {
      const count = await remove();
      total += count;
      if (count < batchSize) return total;
    }
  };
  result.webhookEvents = await drain(
    () => prisma.$executeRaw`
      DELETE FROM webhook_event WHERE id IN (
        SELECT id FROM webhook_event
        WHERE status = 'PROCESSED' AND "receivedAt" < ${webhookCutoff}
        LIMIT ${batchSize})`,
  );
  result.videoCallbacks = await drain(
    () => prisma.$executeRaw`
      DELETE FROM video_callback_event WHERE id IN (
        SELECT id FROM video_callback_event
        WHERE status = 'PROCESSED' AND "receivedAt" < ${webhookCutoff}
        LIMIT ${batchSize})`,
  );
  result.sessions = await drain(
    () => prisma.$executeRaw`
      DELETE FROM session WHERE id IN (
        SELECT id FROM session WHERE "expiresAt" < ${sessionCutoff} LIMIT ${batchSize})`,
  );
  result.notifications = await drain(
    () => prisma.$executeRaw`
      DELETE FROM notification WHERE id IN (
        SELECT id FROM notification WHERE "createdAt" < ${notificationCutoff} LIMIT ${batchSize})`,
  );
  services.logger.info({ ...result }, "retention: old rows deleted");
  return result;
}
