import type { Db } from "@mentora/db";
import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import {
  type CursorPage,
  cursorPage,
  pageArgs,
  pageInput,
  pageOutput,
} from "../../trpc/pagination.ts";
import { type BookingOutput, bookingOutput, toBookingOutput } from "../booking-output.ts";
import { bookingInclude, liveBookingStatuses } from "../snapshot.ts";

export const listMineInput = z
  .object({
    when: z.enum(["upcoming", "past"]),
    ...pageInput({ defaultLimit: 10, maxLimit: 50 }),
  })
  .strict();

/**
 * The viewer's own bookings. Upcoming: live ones not yet ended, soonest first. Past: ended,
 * cancelled or expired ones, latest first. Cursor = the last booking id of the previous page.
 */
export const listMine = authedProcedure
  .input(listMineInput)
  .output(pageOutput(bookingOutput))
  .query(({ ctx, input }) => listMyBookings(ctx.services.prisma, ctx.user.id, input));

/** The page of `listMine` for one mentee. */
export async function listMyBookings(
  prisma: Db,
  menteeId: string,
  input: z.output<typeof listMineInput>,
): Promise<CursorPage<BookingOutput>> {
  const now = new Date();
  const upcoming = input.when === "upcoming";
  const rows = await prisma.booking.findMany({
    where: {
      menteeId,
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
    ...pageArgs(input),
    include: bookingInclude,
  });
  const page = cursorPage(rows, input.limit);
  return { items: page.items.map(toBookingOutput), nextCursor: page.nextCursor };
}
