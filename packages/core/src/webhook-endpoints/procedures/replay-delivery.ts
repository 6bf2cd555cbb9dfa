import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { replayDelivery as replay } from "../deliveries.ts";
import { replayDeliveryInput } from "../inputs.ts";

/** Sends a delivery's event again (same event id, a new delivery in the log). */
export const replayDelivery = mentorProcedure
  .input(replayDeliveryInput)
  .output(z.object({ deliveryId: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const delivery = await replay(
      ctx.services,
      { role: "MENTOR", userId: ctx.user.id },
      input.deliveryId,
    );
    return { deliveryId: delivery.id };
  });
