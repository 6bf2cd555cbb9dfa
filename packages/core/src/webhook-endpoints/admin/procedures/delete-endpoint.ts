import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { deleteEndpoint } from "../../endpoints.ts";
import { endpointIdInput } from "../../inputs.ts";
import { adminActor } from "../actor.ts";

/** Deletes any endpoint with its log; audit-logged. */
export const adminDeleteEndpoint = adminProcedure
  .input(endpointIdInput)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await deleteEndpoint(ctx.services, adminActor(ctx), input.id);
    return { deleted: true as const };
  });
