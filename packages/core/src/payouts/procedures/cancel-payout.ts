import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { payoutOutput, toPayoutOutput } from "../payout-output.ts";
import { cancelPayout } from "../payout-service.ts";

/** Cancels one's own REQUESTED payout; the amount is available again. */
export const cancelPayoutProcedure = mentorProcedure
  .input(z.object({ payoutId: z.string().min(1).max(100) }).strict())
  .output(payoutOutput)
  .mutation(async ({ ctx, input }) =>
    toPayoutOutput(
      await cancelPayout(ctx.services, { mentorId: ctx.user.id, payoutId: input.payoutId }),
    ),
  );
