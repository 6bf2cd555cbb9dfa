import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { retentionQueue } from "./retention.queue.ts";

/** Realtime stream rows are replayable this long (issue #15); a fixed week, no setting. */
export const realtimeMessageRetentionMs = 7 * 86_400_000;

/** Rows per DELETE: short statements, no long lock on a table the edge writes to. */
const batchSize = 5_000;

export interface RetentionResult {
  webhookEvents: number;
  videoCallbacks: number;
  sessions: number;
  notifications: number;
  realtimeMessages: number;
}

/**
 * Daily: deletes what is kept only for a while (decision 015). Processed payment webhooks (their
 * raw bodies) and video callbacks older than RETENTION_WEBHOOK_DAYS, and sign-in sessions
 * RETENTION_SESSION_DAYS past their expiry. Failed or dead events stay until an admin replays
 * them; the ledger, payments, refunds and invoices are never touched. Realtime stream rows
 * (issue #15) older than 7 days go too: a browser away longer gets a resync, not a replay.
 * Notifications older than NOTIFICATION_RETENTION_DAYS go as well (issue #15).
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
  const realtimeCutoff = new Date(now.getTime() - realtimeMessageRetentionMs);
  const result: RetentionResult = {
    webhookEvents: 0,
    videoCallbacks: 0,
    sessions: 0,
    notifications: 0,
    realtimeMessages: 0,
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
  result.realtimeMessages = await drain(
    () => prisma.$executeRaw`
      DELETE FROM realtime_message WHERE seq IN (
        SELECT seq FROM realtime_message WHERE "createdAt" < ${realtimeCutoff}
        LIMIT ${batchSize})`,
  );
  services.logger.info({ ...result }, "retention: old rows deleted");
  return result;
}
