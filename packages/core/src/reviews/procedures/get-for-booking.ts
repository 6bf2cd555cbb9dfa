import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { toPublicReviews } from "../listing.ts";
import { reviewAnswerMax, reviewTextMax } from "../policy.ts";
import { publicReviewOutput } from "../review-output.ts";
import { reviewEligibility } from "../review-service.ts";

export const forBookingInput = z.object({ bookingId: z.string().min(1).max(100) }).strict();

export const forBookingOutput = z.object({
  /** The viewer (its mentee) may rate it now; `closesAt` is the end of the window. */
  canReview: z.boolean(),
  closesAt: z.date().nullable(),
  /** Why not, as an error code the page translates (null when the review exists or is open). */
  reason: z.string().nullable(),
  /** The booking's review, if any (hidden ones too: the two people of the booking see theirs). */
  review: publicReviewOutput.extend({ hidden: z.boolean() }).nullable(),
  /** The viewer is the mentor and the review has no answer yet. */
  canAnswer: z.boolean(),
  limits: z.object({ text: z.number().int(), answer: z.number().int() }),
});

/**
 * The review side of a booking page, for its mentee or its mentor (anyone else: NOT_FOUND):
 * whether the viewer may rate it, the review and whether the mentor may answer.
 */
export const forBooking = authedProcedure
  .input(forBookingInput)
  .output(forBookingOutput)
  .query(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    const check = await reviewEligibility(ctx.services, prisma, {
      bookingId: input.bookingId,
      viewerId: ctx.user.id,
    });
    const row = await prisma.review.findUnique({ where: { bookingId: input.bookingId } });
    const [review] = row ? await toPublicReviews(prisma, [row]) : [];
    const isMentor = row?.mentorId === ctx.user.id;
    return {
      canReview: check.canReview,
      closesAt: check.canReview ? check.closesAt : null,
      reason: check.canReview || row ? null : check.reason,
      review: review && row ? { ...review, hidden: row.hidden } : null,
      canAnswer: Boolean(row && isMentor && row.answer === null),
      limits: { text: reviewTextMax, answer: reviewAnswerMax },
    };
  });
