import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";

export const revokeSessionInput = z.object({ sessionId: z.string().min(1).max(100) }).strict();

/** Signs one of the viewer's devices out. Another user's session id reads as not found. */
export const revokeSession = authedProcedure
  .input(revokeSessionInput)
  .output(z.object({ revoked: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const { count } = await ctx.services.prisma.session.deleteMany({
      where: { id: input.sessionId, userId: ctx.user.id },
    });
    if (count === 0) throw appError("NOT_FOUND");
    return { revoked: true as const };
  });
