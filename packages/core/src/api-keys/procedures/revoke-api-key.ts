import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";

/** Deletes one of the caller's API keys: its next call gets 401. Anyone else's: NOT_FOUND. */
export const revoke = authedProcedure
  .input(z.object({ keyId: z.string().min(1).max(100) }).strict())
  .output(z.object({ revoked: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const { count } = await ctx.services.prisma.apiKey.deleteMany({
      where: { id: input.keyId, referenceId: ctx.user.id },
    });
    if (count === 0) throw appError("NOT_FOUND");
    ctx.services.logger.info(
      { userId: ctx.user.id, apiKeyId: input.keyId, requestId: ctx.requestId },
      "api key revoked",
    );
    return { revoked: true as const };
  });
