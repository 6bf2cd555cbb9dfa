import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { bookingOutput, toBookingOutput } from "../booking-output.ts";
import { bookingInclude } from "../snapshot.ts";

/** One booking, for its mentee or its session's mentor; anyone else gets NOT_FOUND. */
export const get = authedProcedure
  .meta({
    apiScope: "bookings:read",
    openapi: {
      method: "GET",
      path: "/bookings/{bookingId}",
      tags: ["bookings"],
      summary: "One of your bookings",
      description: "As its mentee or as the session's mentor; anyone else's reads as not found.",
    },
  })
  .input(z.object({ bookingId: z.string().min(1).max(100) }).strict())
  .output(bookingOutput)
  .query(async ({ ctx, input }) => {
    const booking = await ctx.services.prisma.booking.findUnique({
      where: { id: input.bookingId },
      include: bookingInclude,
    });
    const viewer = ctx.user.id;
    if (!booking || (booking.menteeId !== viewer && booking.session.mentor.id !== viewer)) {
      throw appError("NOT_FOUND");
    }
    return toBookingOutput(booking);
  });
