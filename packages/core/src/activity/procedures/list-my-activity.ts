import { authedProcedure } from "../../trpc/init.ts";
import { readActivityFeed } from "../feed.ts";
import { activityFeedInput, activityFeedOutput } from "../feed-input.ts";

/** The viewer's own activity feed, newest first; nobody reads another person's entries. */
export const mine = authedProcedure
  .input(activityFeedInput)
  .output(activityFeedOutput)
  .query(async ({ ctx, input }) => {
    const { limit, cursor, ...filters } = input;
    const page = await readActivityFeed(ctx.services.prisma, {
      owner: { userId: ctx.user.id },
      filters,
      page: { limit, cursor },
      timezone: ctx.timezone,
    });
    return { ...page, timeZone: ctx.timezone };
  });
