import { mentorProcedure } from "../../trpc/init.ts";
import { endpointOutput, toEndpointOutput } from "../endpoint-output.ts";
import { findEndpointFor } from "../endpoints.ts";
import { endpointIdInput } from "../inputs.ts";

/** One of the mentor's endpoints; another mentor's reads as NOT_FOUND. */
export const getEndpoint = mentorProcedure
  .input(endpointIdInput)
  .output(endpointOutput)
  .query(async ({ ctx, input }) =>
    toEndpointOutput(
      await findEndpointFor(ctx.services, { role: "MENTOR", userId: ctx.user.id }, input.id),
    ),
  );
