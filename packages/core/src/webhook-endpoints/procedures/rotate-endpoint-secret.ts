import { mentorProcedure } from "../../trpc/init.ts";
import { endpointWithSecretOutput, toEndpointOutput } from "../endpoint-output.ts";
import { rotateEndpointSecret as rotate } from "../endpoints.ts";
import { endpointIdInput } from "../inputs.ts";

/** A new signing secret, effective at once; shown in this answer only. */
export const rotateEndpointSecret = mentorProcedure
  .input(endpointIdInput)
  .output(endpointWithSecretOutput)
  .mutation(async ({ ctx, input }) => {
    const { endpoint, secret } = await rotate(
      ctx.services,
      { role: "MENTOR", userId: ctx.user.id },
      input.id,
    );
    return { endpoint: toEndpointOutput(endpoint), secret };
  });
