import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { pageCursor, pageOutput } from "../../trpc/pagination.ts";
import { bookingOutput } from "../booking-output.ts";
import { listMyBookings } from "./list-my-bookings.ts";

/** `listMine`'s input as query parameters (own number schema: see directory's apiSearch). */
export const apiListMineInput = z
  .object({
    when: z.enum(["upcoming", "past"]).default("upcoming"),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    cursor: pageCursor.optional(),
  })
  .strict();

/** Public REST API: the caller's own bookings as a mentee (decision 052). */
export const apiListMine = authedProcedure
  .meta({
    apiScope: "bookings:read",
    openapi: {
      method: "GET",
      path: "/bookings",
      tags: ["bookings"],
      summary: "Your bookings",
      description:
        "Upcoming: live ones not yet ended, soonest first. Past: ended, cancelled or expired, latest first. Pass `nextCursor` back as `cursor`.",
    },
  })
  .input(apiListMineInput)
  .output(pageOutput(bookingOutput))
  .query(({ ctx, input }) => listMyBookings(ctx.services.prisma, ctx.user.id, input));
