import { adminProcedure } from "../../../trpc/init.ts";
import { readActivityFeed } from "../../feed.ts";
import { activityFeedInput, activityFeedOutput } from "../../feed-input.ts";

/** The platform feed: every mapped event of the platform, newest first (admins). */
export const feed = adminProcedure
  .input(activityFeedInput)
  .output(activityFeedOutput)
  .query(async ({ ctx, input }) => {
    const { limit, cursor, ...filters } = input;
    const page = await readActivityFeed(ctx.services.prisma, {
      owner: { platform: true },
      filters,
      page: { limit, cursor },
      timezone: ctx.timezone,
    });
    return { ...page, timeZone: ctx.timezone };
  });
