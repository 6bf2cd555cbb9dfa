import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { revokeFeedToken } from "../feed/feed-token.ts";

/** Turns the caller's subscription URL off (subscribed calendars get 404 from then on). */
export const revokeFeed = authedProcedure
  .output(z.object({ revoked: z.literal(true) }))
  .mutation(async ({ ctx }) => {
    await revokeFeedToken(ctx.services.prisma, ctx.user.id);
    ctx.services.logger.info(
      { requestId: ctx.requestId, userId: ctx.user.id },
      "calendar feed token revoked",
    );
    return { revoked: true as const };
  });
