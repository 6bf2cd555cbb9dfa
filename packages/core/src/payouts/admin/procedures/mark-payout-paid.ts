import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { AppError } from "../../../errors/index.ts";
import { adminProcedure, requireFreshSession } from "../../../trpc/init.ts";
import { payoutOutput, toPayoutOutput } from "../../payout-output.ts";
import { markBankTransferPaid } from "../../payout-service.ts";

/** Records an approved manual bank transfer as made, with the bank's reference. */
export const adminMarkPayoutPaid = adminProcedure
  .use(requireFreshSession)
  .input(
    z
      .object({
        payoutId: z.string().min(1).max(100),
        reference: z.string().trim().min(1).max(140),
      })
      .strict(),
  )
  .output(payoutOutput)
  .mutation(async ({ ctx, input }) => {
    const payout = await markBankTransferPaid(ctx.services, {
      payoutId: input.payoutId,
      reference: input.reference,
      actor: auditActorOf(ctx),
    });
    if (!payout) throw new AppError("NOT_FOUND");
    return toPayoutOutput(payout);
  });
