import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { sendTestEvent } from "../../deliveries.ts";
import { endpointIdInput } from "../../inputs.ts";
import { adminActor } from "../actor.ts";

/** Sends an `endpoint.test` event to any endpoint. */
export const adminSendTestEvent = adminProcedure
  .input(endpointIdInput)
  .output(z.object({ deliveryId: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const delivery = await sendTestEvent(ctx.services, adminActor(ctx), input.id);
    return { deliveryId: delivery.id };
  });
