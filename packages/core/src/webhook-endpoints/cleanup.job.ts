import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { webhookDeliveryCleanupQueue } from "./cleanup.queue.ts";

const batchSize = 5_000;

/**
 * Deletes finished (SUCCEEDED or FAILED) deliveries older than RETENTION_WEBHOOK_DAYS, like the
 * processed payment webhooks (decision 015): the log is for debugging an integration, and a
 * busy platform endpoint would otherwise grow it forever. Pending ones stay until they finish.
 */
export async function cleanupWebhookDeliveries(
  services: Pick<AppServices, "prisma" | "config" | "logger">,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - services.config.retention.webhookMs);
  let total = 0;
  for (;;) {
    const count = await services.prisma.$executeRaw`
      DELETE FROM webhook_delivery WHERE id IN (
        SELECT id FROM webhook_delivery
        WHERE status IN ('SUCCEEDED', 'FAILED') AND "createdAt" < ${cutoff}
        LIMIT ${batchSize})`;
    total += count;
    if (count < batchSize) break;
  }
  services.logger.info({ deleted: total }, "webhook deliveries cleaned up");
  return total;
}

export const webhookDeliveryCleanupJob = defineHandler(
  webhookDeliveryCleanupQueue,
  async (_data, services: AppServices) => {
    await cleanupWebhookDeliveries(services);
  },
);
