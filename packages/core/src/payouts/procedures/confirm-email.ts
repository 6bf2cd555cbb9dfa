import { z } from "zod";
import { auditActorOf } from "../../audit/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { confirmPayoutEmail } from "../paypal-verification.ts";

/** The PayPal confirmation link, opened by the signed-in mentor it was sent for. */
export const confirmEmail = mentorProcedure
  .input(
    z
      .object({
        expires: z.coerce.number().int().positive(),
        sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
      })
      .strict(),
  )
  .output(z.object({ email: z.string(), verifiedAt: z.date() }))
  .mutation(({ ctx, input }) =>
    confirmPayoutEmail(ctx.services, {
      mentorId: ctx.user.id,
      ...input,
      actor: auditActorOf(ctx),
    }),
  );
