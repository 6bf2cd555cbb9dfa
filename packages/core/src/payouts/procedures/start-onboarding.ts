import { z } from "zod";
import { auditActorOf } from "../../audit/index.ts";
import { mentorProcedure, requireFreshSession } from "../../trpc/init.ts";
import { startPayoutOnboarding } from "../onboarding.ts";

/**
 * "Set up payouts with Stripe" (and "Continue setup", "Update details", the refresh_url): the
 * URL of Stripe's hosted form for the mentor's own account, created once. Makes Stripe the
 * payout method, so it is a money action like setMethod (fresh sign-in).
 */
export const startOnboarding = mentorProcedure
  .use(requireFreshSession)
  .input(
    z
      .object({
        /** The refresh_url: a new link for the account in use only (no method change). */
        resume: z.boolean().default(false),
      })
      .strict()
      .optional(),
  )
  .output(z.object({ url: z.url() }))
  .mutation(({ ctx, input }) =>
    startPayoutOnboarding(ctx.services, {
      mentorId: ctx.user.id,
      actor: auditActorOf(ctx),
      resume: input?.resume ?? false,
    }),
  );
