import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { feedUrl, rotateFeedToken, subscribeLinks } from "../feed/feed-token.ts";

/**
 * A new subscription URL for the caller; the previous one (if any) stops working at once.
 * The URL is in this answer only: we keep its hash, so it cannot be shown again.
 */
export const regenerateFeed = authedProcedure
  .output(
    z.object({
      url: z.string(),
      webcalUrl: z.string(),
      googleUrl: z.string(),
      createdAt: z.date(),
    }),
  )
  .mutation(async ({ ctx }) => {
    const { prisma, config, logger } = ctx.services;
    const { token, createdAt } = await rotateFeedToken(prisma, ctx.user.id);
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id }, "calendar feed token rotated");
    const url = feedUrl(config.app.publicUrl, token);
    const links = subscribeLinks(url);
    return { url, webcalUrl: links.webcal, googleUrl: links.google, createdAt };
  });
