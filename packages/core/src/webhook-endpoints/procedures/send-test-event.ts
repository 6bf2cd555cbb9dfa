import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { sendTestEvent as sendTest } from "../deliveries.ts";
import { endpointIdInput } from "../inputs.ts";

/** Sends an `endpoint.test` event to one of the mentor's endpoints. */
export const sendTestEvent = mentorProcedure
  .input(endpointIdInput)
  .output(z.object({ deliveryId: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const delivery = await sendTest(
      ctx.services,
      { role: "MENTOR", userId: ctx.user.id },
      input.id,
    );
    return { deliveryId: delivery.id };
  });
