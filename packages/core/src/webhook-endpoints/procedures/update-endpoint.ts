import { mentorProcedure } from "../../trpc/init.ts";
import { endpointOutput, toEndpointOutput } from "../endpoint-output.ts";
import { updateEndpoint as update } from "../endpoints.ts";
import { updateEndpointInput } from "../inputs.ts";

/** Changes an endpoint's URL, events, description, or turns it on or off. */
export const updateEndpoint = mentorProcedure
  .input(updateEndpointInput)
  .output(endpointOutput)
  .mutation(async ({ ctx, input }) => {
    const { id, ...changes } = input;
    return toEndpointOutput(
      await update(ctx.services, { role: "MENTOR", userId: ctx.user.id }, id, changes),
    );
  });
