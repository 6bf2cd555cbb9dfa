import { adminProcedure } from "../../../trpc/init.ts";
import { pageOutput } from "../../../trpc/pagination.ts";
import { deliveryOutput } from "../../endpoint-output.ts";
import { listDeliveriesInput } from "../../inputs.ts";
import { listDeliveries } from "../../list-deliveries.ts";
import { adminActor } from "../actor.ts";

/** The delivery log of any endpoint, newest first. */
export const adminListDeliveries = adminProcedure
  .input(listDeliveriesInput)
  .output(pageOutput(deliveryOutput))
  .query(({ ctx, input }) => listDeliveries(ctx.services, adminActor(ctx), input));
