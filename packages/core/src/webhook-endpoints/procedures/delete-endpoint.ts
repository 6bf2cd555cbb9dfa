import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { deleteEndpoint as remove } from "../endpoints.ts";
import { endpointIdInput } from "../inputs.ts";

/** Deletes one of the mentor's endpoints with its delivery log. */
export const deleteEndpoint = mentorProcedure
  .input(endpointIdInput)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await remove(ctx.services, { role: "MENTOR", userId: ctx.user.id }, input.id);
    return { deleted: true as const };
  });
