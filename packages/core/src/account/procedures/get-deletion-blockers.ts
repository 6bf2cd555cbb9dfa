import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { deletionBlockers } from "../account-deletion.ts";

export const deletionBlockerOutput = z.discriminatedUnion("reason", [
  z.object({ reason: z.literal("WALLET_BALANCE"), currency: z.string(), amountMinor: z.number() }),
  z.object({ reason: z.literal("EARNINGS_UNPAID"), currency: z.string(), amountMinor: z.number() }),
  z.object({ reason: z.literal("BOOKING_TOO_SOON"), bookingId: z.string(), startsAt: z.string() }),
]);

/** What the account page shows before offering deletion: what must be settled first. */
export const deletionBlockersOfMine = authedProcedure
  .output(
    z.object({
      blockers: z.array(deletionBlockerOutput),
      /** Whether deleting asks for the password (else a recent sign-in). */
      hasPassword: z.boolean(),
    }),
  )
  .query(async ({ ctx }) => {
    const credential = await ctx.services.prisma.account.count({
      where: { userId: ctx.user.id, providerId: "credential", password: { not: null } },
    });
    return {
      blockers: await deletionBlockers(ctx.services, ctx.user.id),
      hasPassword: credential > 0,
    };
  });
