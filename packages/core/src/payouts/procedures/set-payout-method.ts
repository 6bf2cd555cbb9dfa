import { auditActorOf } from "../../audit/index.ts";
import { mentorProcedure, requireFreshSession } from "../../trpc/init.ts";
import { changePayoutMethod } from "../change-method.ts";
import { payoutMethodInput } from "../method.ts";
import { methodOutput, methodOutputOf } from "../method-output.ts";

/**
 * Sets the payout method (replacing the previous one). The sandbox exists outside production. A
 * change cancels open requests, starts the cooldown and e-mails the mentor (changePayoutMethod).
 */
export const setPayoutMethod = mentorProcedure
  .use(requireFreshSession)
  .input(payoutMethodInput)
  .output(methodOutput)
  .mutation(async ({ ctx, input }) => {
    const { row, changed, cancelledPayoutIds } = await changePayoutMethod(ctx.services, {
      mentorId: ctx.user.id,
      method: input,
      actor: auditActorOf(ctx),
    });
    if (changed) {
      ctx.services.logger.info(
        { requestId: ctx.requestId, mentorId: ctx.user.id, cancelledPayoutIds },
        "payout method changed",
      );
    }
    return methodOutputOf(row);
  });
