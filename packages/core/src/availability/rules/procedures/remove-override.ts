import { randomUUID } from "node:crypto";
import { z } from "zod";
import { appError } from "../../../errors/index.ts";
import { recordEvent } from "../../../events/index.ts";
import { mentorProcedure } from "../../../trpc/init.ts";
import { availabilityChanged } from "../../events.ts";

export const removeOverrideInput = z.object({ id: z.string().min(1).max(100) }).strict();

/** Deletes one of the mentor's own overrides; another mentor's id reads as NOT_FOUND. */
export const removeOverride = mentorProcedure
  .input(removeOverrideInput)
  .output(z.object({ removed: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await ctx.services.prisma.$transaction(async (tx) => {
      const { count } = await tx.availabilityOverride.deleteMany({
        where: { id: input.id, mentorId: ctx.user.id },
      });
      if (count === 0) throw appError("NOT_FOUND");
      await recordEvent(
        ctx.services,
        tx,
        availabilityChanged.of({ mentorId: ctx.user.id, changeId: randomUUID() }),
      );
    });
    return { removed: true as const };
  });
