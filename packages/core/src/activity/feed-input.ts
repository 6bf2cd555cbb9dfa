import { z } from "zod";
import { activityFilters } from "../contracts/index.ts";
import { pageInput } from "../trpc/pagination.ts";
import { activityItem } from "./feed.ts";

/** A feed's input: the filter form's fields and the page. */
export const activityFeedInput = activityFilters
  .extend({
    ...pageInput({ defaultLimit: 25, maxLimit: 100 }),
    cursor: z.string().max(1000).optional(),
  })
  .strict();

/** A page of a feed, with the time zone its times are shown in (the viewer's). */
export const activityFeedOutput = z.object({
  items: z.array(activityItem),
  nextCursor: z.string().nullable(),
  timeZone: z.string(),
});
