import { adminProcedure } from "../../../trpc/init.ts";
import { endpointOutput, toEndpointOutput } from "../../endpoint-output.ts";
import { updateEndpoint } from "../../endpoints.ts";
import { updateEndpointInput } from "../../inputs.ts";
import { adminActor } from "../actor.ts";

/** Changes any endpoint, or turns it on or off; audit-logged. */
export const adminUpdateEndpoint = adminProcedure
  .input(updateEndpointInput)
  .output(endpointOutput)
  .mutation(async ({ ctx, input }) => {
    const { id, ...changes } = input;
    return toEndpointOutput(await updateEndpoint(ctx.services, adminActor(ctx), id, changes));
  });
