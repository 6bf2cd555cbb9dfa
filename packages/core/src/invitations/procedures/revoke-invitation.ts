import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { invitationInclude, invitationOutput, toInvitationOutput } from "../invitation-output.ts";

export const revokeInvitationInput = z
  .object({ invitationId: z.string().min(1).max(100) })
  .strict();

/**
 * Makes the mentor's own invitation unusable from now on (bookings already made with it stand).
 * Guarded: CONFLICT when it is already revoked; another mentor's id reads as NOT_FOUND.
 */
export const revoke = mentorProcedure
  .input(revokeInvitationInput)
  .output(invitationOutput)
  .mutation(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    const where = { id: input.invitationId, mentorId: ctx.user.id };
    const { count } = await prisma.invitation.updateMany({
      where: { ...where, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await prisma.invitation.findFirst({ where, include: invitationInclude });
    if (!invitation) throw appError("NOT_FOUND");
    if (count === 0) throw appError("CONFLICT", { reason: "ALREADY_REVOKED" });
    return toInvitationOutput(invitation);
  });
