import { auditActorOf } from "../../audit/index.ts";
import { AppError } from "../../errors/index.ts";
import { mentorProcedure, requireFreshSession } from "../../trpc/init.ts";
import { changePayoutMethod } from "../change-method.ts";
import { payoutMethodInput } from "../method.ts";
import { loadMethodOutput, methodOutput } from "../method-output.ts";

/**
 * Sets the payout method (replacing the previous one). The sandbox exists outside production. A
 * change cancels open requests, starts the cooldown and e-mails the mentor (changePayoutMethod);
 * a PayPal address gets its confirmation link. Stripe Connect goes through startOnboarding.
 */
export const setPayoutMethod = mentorProcedure
  .use(requireFreshSession)
  .input(payoutMethodInput)
  .output(methodOutput)
  .mutation(async ({ ctx, input }) => {
    // No pasted account ids: one could name someone else's. Stripe is set up on its own form.
    if (input.kind === "STRIPE_CONNECT") throw new AppError("PAYOUT_ONBOARDING_REQUIRED");
    const { changed, cancelledPayoutIds } = await changePayoutMethod(ctx.services, {
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
    return loadMethodOutput(ctx.services.prisma, ctx.user.id);
  });
