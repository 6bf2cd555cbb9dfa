import { adminProcedure } from "../../../trpc/init.ts";
import { endpointOutput, toEndpointOutput } from "../../endpoint-output.ts";
import { findEndpointFor } from "../../endpoints.ts";
import { endpointIdInput } from "../../inputs.ts";
import { adminActor } from "../actor.ts";

/** Any endpoint, platform or a mentor's. */
export const adminGetEndpoint = adminProcedure
  .input(endpointIdInput)
  .output(endpointOutput)
  .query(async ({ ctx, input }) =>
    toEndpointOutput(await findEndpointFor(ctx.services, adminActor(ctx), input.id)),
  );
