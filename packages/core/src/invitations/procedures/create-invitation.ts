import { z } from "zod";
import { currencySchema, priceMinorSchema } from "../../offerings/index.ts";
import { userKey } from "../../rate-limits/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { createInvitation } from "../create-invitation.ts";
import { invitationOutput } from "../invitation-output.ts";
import { invitationDays } from "../token.ts";

export const createInvitationInput = z
  .object({
    offeringId: z.string().min(1).max(100),
    /** Restricts the invitation to this address and emails it the link. */
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)).optional(),
    /** A private price in minor units of the offering's currency (0 = free). */
    priceMinor: priceMinorSchema.optional(),
    /** Optional: it must be the offering's currency anyway. */
    currency: currencySchema.optional(),
    /** The one option (duration) it applies to; default: the offering's shortest. */
    durationMinutes: z.number().int().min(1).max(1440).optional(),
    expiresInDays: z
      .number()
      .int()
      .min(invitationDays.min)
      .max(invitationDays.max)
      .default(invitationDays.default),
  })
  .strict()
  .refine((input) => input.currency === undefined || input.priceMinor !== undefined, {
    path: ["currency"],
    message: "A currency goes with a private price",
  });

export const createInvitationOutput = z.object({
  invitation: invitationOutput,
  /** `${PUBLIC_URL}/invitations/<token>`: shown this once, never stored. */
  link: z.url(),
});

/** Invites someone to one of the mentor's active offerings, by link or by email. */
export const create = mentorProcedure
  .input(createInvitationInput)
  .output(createInvitationOutput)
  .mutation(async ({ ctx, input }) => {
    // Each one may send an email to an address the mentor typed: not a mailing tool.
    await ctx.services.rateLimits.consume("invitation-send", userKey(ctx.user.id));
    return createInvitation(ctx.services, { ...input, mentorId: ctx.user.id, locale: ctx.locale });
  });
