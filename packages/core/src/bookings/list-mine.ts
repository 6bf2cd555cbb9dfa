import { z } from "zod";
import { authedProcedure } from "../trpc/init.ts";
import { bookingOutput, toBookingOutput } from "./booking-output.ts";
import { bookingInclude, liveBookingStatuses } from "./snapshot.ts";

export const listMineInput = z
  .object({
    when: z.enum(["upcoming", "past"]),
    limit: z.number().int().min(1).max(50).default(10),
    cursor: z.string().max(100).optional(),
  })
  .strict();

/**
 * The viewer's own bookings. Upcoming: live ones not yet ended, soonest first. Past: ended,
 * cancelled or expired ones, latest first. Cursor = the last booking id of the previous page.
 */
export const listMine = authedProcedure
  .input(listMineInput)
  .output(z.object({ items: z.array(bookingOutput), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const now = new Date();
    const upcoming = input.when === "upcoming";
    const rows = await ctx.services.prisma.booking.findMany({
      where: {
        menteeId: ctx.user.id,
        ...(upcoming
          ? { status: { in: [...liveBookingStatuses] }, session: { endsAt: { gt: now } } }
          : {
              OR: [
                { status: { in: ["CANCELLED", "EXPIRED", "COMPLETED"] } },
                { session: { endsAt: { lte: now } } },
              ],
            }),
      },
      orderBy: [{ session: { startsAt: upcoming ? "asc" : "desc" } }, { id: "asc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      include: bookingInclude,
    });
    const page = rows.slice(0, input.limit);
    return {
      items: page.map(toBookingOutput),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
