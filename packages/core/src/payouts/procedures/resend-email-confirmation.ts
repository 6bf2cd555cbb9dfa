import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { resendPayoutEmailConfirmation } from "../paypal-verification.ts";

/** Sends the PayPal address's confirmation link again (not more than every few minutes). */
export const resendEmailConfirmation = mentorProcedure
  .output(z.object({ sentTo: z.string() }))
  .mutation(({ ctx }) => resendPayoutEmailConfirmation(ctx.services, { mentorId: ctx.user.id }));
