import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { replayDelivery } from "../../deliveries.ts";
import { replayDeliveryInput } from "../../inputs.ts";
import { adminActor } from "../actor.ts";

/** Sends a delivery's event again (same event id); audit-logged. */
export const adminReplayDelivery = adminProcedure
  .input(replayDeliveryInput)
  .output(z.object({ deliveryId: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const delivery = await replayDelivery(ctx.services, adminActor(ctx), input.deliveryId);
    return { deliveryId: delivery.id };
  });
