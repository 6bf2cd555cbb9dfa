import { z } from "zod";
import { isTimeZone } from "../../trpc/context.ts";
import { publicProcedure } from "../../trpc/init.ts";
import { checkSlotRange, listSlots, slotsOutput } from "./list-slots.ts";

export const apiSlotsInput = z
  .object({
    optionId: z.string().min(1).max(100),
    /** ISO 8601 with an offset: `2026-12-07T00:00:00Z`. */
    from: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
    to: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
    /** IANA time zone the days are cut in (`Europe/Paris`); default UTC. */
    timeZone: z.string().max(64).refine(isTimeZone, "Unknown time zone").optional(),
  })
  .strict()
  .superRefine(checkSlotRange);

/** Public REST API: the free slots of one option of an offering, in a date range. */
export const apiSlots = publicProcedure
  .meta({
    apiScope: "mentors:read",
    openapi: {
      method: "GET",
      path: "/options/{optionId}/slots",
      tags: ["mentors"],
      summary: "Free slots of an offering's option",
      description:
        "Bookable slots in [from, to) (at most 31 days), grouped by day in `timeZone`. Instants are UTC.",
    },
  })
  .input(apiSlotsInput)
  .output(slotsOutput)
  .query(({ ctx, input }) => listSlots(ctx.services, input, input.timeZone ?? ctx.timezone));
