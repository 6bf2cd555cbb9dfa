import { webhookEndpointForm } from "../../../contracts/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { endpointWithSecretOutput, toEndpointOutput } from "../../endpoint-output.ts";
import { createEndpoint } from "../../endpoints.ts";
import { adminActor } from "../actor.ts";

/** Registers a platform endpoint (every event of its types); audit-logged. Secret shown once. */
export const adminCreateEndpoint = adminProcedure
  .input(webhookEndpointForm)
  .output(endpointWithSecretOutput)
  .mutation(async ({ ctx, input }) => {
    const { endpoint, secret } = await createEndpoint(ctx.services, adminActor(ctx), input);
    return { endpoint: toEndpointOutput(endpoint), secret };
  });
