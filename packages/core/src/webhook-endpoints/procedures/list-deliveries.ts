import { mentorProcedure } from "../../trpc/init.ts";
import { pageOutput } from "../../trpc/pagination.ts";
import { deliveryOutput } from "../endpoint-output.ts";
import { listDeliveriesInput } from "../inputs.ts";
import { listDeliveries as listEndpointDeliveries } from "../list-deliveries.ts";

/** The delivery log of one of the mentor's endpoints, newest first. */
export const listDeliveries = mentorProcedure
  .input(listDeliveriesInput)
  .output(pageOutput(deliveryOutput))
  .query(({ ctx, input }) =>
    listEndpointDeliveries(ctx.services, { role: "MENTOR", userId: ctx.user.id }, input),
  );
