import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { payoutOutput, toPayoutOutput } from "../payout-output.ts";
import { requestPayout } from "../payout-service.ts";

const currency = z.string().regex(/^[A-Z]{3}$/);

/** Asks for a payout of available earnings (reserved at once). */
export const requestPayoutProcedure = mentorProcedure
  .input(
    z.object({ currency, amountMinor: z.number().int().positive().max(2_000_000_000) }).strict(),
  )
  .output(payoutOutput)
  .mutation(async ({ ctx, input }) =>
    toPayoutOutput(await requestPayout(ctx.services, { mentorId: ctx.user.id, ...input })),
  );
