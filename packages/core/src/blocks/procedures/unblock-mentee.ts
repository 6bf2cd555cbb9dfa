import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";

export const unblockInput = z.object({ menteeId: z.string().min(1).max(100) }).strict();

/** Lifts a block; unblocking someone not blocked is a no-op (`unblocked: false`). */
export const unblock = mentorProcedure
  .input(unblockInput)
  .output(z.object({ unblocked: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const { count } = await ctx.services.prisma.mentorBlock.deleteMany({
      where: { mentorId: ctx.user.id, menteeId: input.menteeId },
    });
    return { unblocked: count === 1 };
  });
