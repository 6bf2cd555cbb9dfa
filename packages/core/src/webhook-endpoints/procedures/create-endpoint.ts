import { webhookEndpointForm } from "../../contracts/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { endpointWithSecretOutput, toEndpointOutput } from "../endpoint-output.ts";
import { createEndpoint as create } from "../endpoints.ts";

/**
 * Registers an endpoint for the mentor's own events (their bookings, payments for their
 * offerings, their payouts). The secret is in this answer only.
 */
export const createEndpoint = mentorProcedure
  .input(webhookEndpointForm)
  .output(endpointWithSecretOutput)
  .mutation(async ({ ctx, input }) => {
    const { endpoint, secret } = await create(
      ctx.services,
      { role: "MENTOR", userId: ctx.user.id },
      input,
    );
    return { endpoint: toEndpointOutput(endpoint), secret };
  });
