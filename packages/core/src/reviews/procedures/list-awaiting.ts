import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { reviewWindowMs } from "../policy.ts";
import { reviewEligibility } from "../review-service.ts";

export const awaitingOutput = z.object({
  /** The viewer's bookings they may rate now ("Rate your session" in the bookings list). */
  bookingIds: z.array(z.string()),
});

/**
 * The viewer's completed bookings still open for their review: attended sessions that ended less
 * than 14 days ago, not reviewed yet (a handful at most: the window bounds them).
 */
export const awaiting = authedProcedure
  .input(z.object({}).strict().optional())
  .output(awaitingOutput)
  .query(async ({ ctx }) => {
    const { prisma } = ctx.services;
    const candidates = await prisma.booking.findMany({
      where: {
        menteeId: ctx.user.id,
        status: "COMPLETED",
        session: {
          endsAt: { gt: new Date(Date.now() - reviewWindowMs) },
          videoRoom: { is: { verdict: "ATTENDED" } },
        },
      },
      select: { id: true },
      take: 50,
    });
    const bookingIds: string[] = [];
    for (const booking of candidates) {
      const check = await reviewEligibility(ctx.services, prisma, {
        bookingId: booking.id,
        viewerId: ctx.user.id,
      });
      if (check.canReview) bookingIds.push(booking.id);
    }
    return { bookingIds };
  });
