import { z } from "zod";
import { appError } from "../../../errors/index.ts";
import { mentorProcedure } from "../../../trpc/init.ts";

export const removeOverrideInput = z.object({ id: z.string().min(1).max(100) }).strict();

/** Deletes one of the mentor's own overrides; another mentor's id reads as NOT_FOUND. */
export const removeOverride = mentorProcedure
  .input(removeOverrideInput)
  .output(z.object({ removed: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const { count } = await ctx.services.prisma.availabilityOverride.deleteMany({
      where: { id: input.id, mentorId: ctx.user.id },
    });
    if (count === 0) throw appError("NOT_FOUND");
    return { removed: true as const };
  });
