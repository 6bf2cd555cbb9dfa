import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";
import { invitationInclude, invitationOutput, toInvitationOutput } from "../invitation-output.ts";

export const listInvitationsInput = z
  .object({
    offeringId: z.string().min(1).max(100).optional(),
    ...pageInput(),
  })
  .strict()
  .default({ limit: 25 });

export const listInvitationsOutput = pageOutput(invitationOutput);

/** The mentor's own invitations, newest first, with how often each was used. */
export const list = mentorProcedure
  .input(listInvitationsInput)
  .output(listInvitationsOutput)
  .query(async ({ ctx, input }) => {
    const mentorId = ctx.user.id;
    // A cursor from another mentor's list must not page through this one.
    const cursorIsOwn =
      !input.cursor ||
      (await ctx.services.prisma.invitation.count({ where: { id: input.cursor, mentorId } })) > 0;
    if (!cursorIsOwn) return { items: [], nextCursor: null };
    const rows = await ctx.services.prisma.invitation.findMany({
      where: { mentorId, offeringId: input.offeringId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
      include: invitationInclude,
    });
    const now = new Date();
    const page = cursorPage(rows, input.limit);
    return {
      items: page.items.map((row) => toInvitationOutput(row, now)),
      nextCursor: page.nextCursor,
    };
  });
