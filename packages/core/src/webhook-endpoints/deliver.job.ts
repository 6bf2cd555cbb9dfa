import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { webhookDeliverQueue } from "./deliver.queue.ts";
import { attemptDelivery } from "./deliveries.ts";

export const webhookDeliverJob = defineHandler(
  webhookDeliverQueue,
  async ({ deliveryId, attempt }, services: AppServices) => {
    await attemptDelivery(services, deliveryId, attempt);
  },
);
