import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { invitationInclude, invitationOutput, toInvitationOutput } from "../invitation-output.ts";

export const listInvitationsInput = z
  .object({
    offeringId: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(100).default(25),
    /** The id of the last invitation of the previous page. */
    cursor: z.string().max(100).optional(),
  })
  .strict()
  .default({ limit: 25 });

export const listInvitationsOutput = z.object({
  items: z.array(invitationOutput),
  nextCursor: z.string().nullable(),
});

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
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      include: invitationInclude,
    });
    const now = new Date();
    const items = rows.slice(0, input.limit).map((row) => toInvitationOutput(row, now));
    return {
      items,
      nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null,
    };
  });
