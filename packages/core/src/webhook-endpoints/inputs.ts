import { z } from "zod";
import { webhookDeliveryStatus, webhookEndpointForm } from "../contracts/index.ts";
import { pageInput } from "../trpc/pagination.ts";

/** Inputs the mentor's and the admins' procedures share. */
export const endpointIdInput = z.object({ id: z.string().min(1).max(100) }).strict();

export const updateEndpointInput = webhookEndpointForm
  .partial()
  .extend({ id: z.string().min(1).max(100), enabled: z.boolean().optional() })
  .strict();

export const listDeliveriesInput = z
  .object({
    endpointId: z.string().min(1).max(100),
    status: webhookDeliveryStatus.optional(),
    ...pageInput(),
  })
  .strict();

export const replayDeliveryInput = z.object({ deliveryId: z.string().min(1).max(100) }).strict();
