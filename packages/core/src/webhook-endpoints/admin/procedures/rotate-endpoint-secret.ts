import { adminProcedure } from "../../../trpc/init.ts";
import { endpointWithSecretOutput, toEndpointOutput } from "../../endpoint-output.ts";
import { rotateEndpointSecret } from "../../endpoints.ts";
import { endpointIdInput } from "../../inputs.ts";
import { adminActor } from "../actor.ts";

/** A new signing secret for any endpoint; audit-logged, shown once. */
export const adminRotateEndpointSecret = adminProcedure
  .input(endpointIdInput)
  .output(endpointWithSecretOutput)
  .mutation(async ({ ctx, input }) => {
    const { endpoint, secret } = await rotateEndpointSecret(
      ctx.services,
      adminActor(ctx),
      input.id,
    );
    return { endpoint: toEndpointOutput(endpoint), secret };
  });
