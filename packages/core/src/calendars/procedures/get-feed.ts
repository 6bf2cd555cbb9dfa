import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { publicProcedure } from "../../trpc/init.ts";
import { calendarFeed } from "../feed/calendar-feed.ts";
import { hashFeedToken } from "../feed/feed-token.ts";

/**
 * A subscription feed, for calendar apps polling `/calendar/<token>.ics` (no session: the token
 * is the credential). Counted per token (the `calendar-feed` policy) before the lookup, by its
 * hash: a leaked URL polled in a loop is cut off without costing the database a feed each time.
 */
export const feed = publicProcedure
  .input(z.object({ token: z.string().min(1).max(100) }).strict())
  .output(z.object({ content: z.string(), contentType: z.string(), etag: z.string() }))
  .query(async ({ ctx, input }) => {
    const { prisma, rateLimits, config } = ctx.services;
    await rateLimits.consume("calendar-feed", `feed:${hashFeedToken(input.token)}`);
    const result = await calendarFeed(prisma, input.token, {
      publicUrl: config.app.publicUrl,
      now: new Date(),
    });
    if (!result) throw appError("NOT_FOUND");
    return result;
  });
