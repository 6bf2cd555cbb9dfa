import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { reviewTextMax } from "../policy.ts";
import { submitReview } from "../review-service.ts";

export const submitReviewInput = z
  .object({
    bookingId: z.string().min(1).max(100),
    rating: z.coerce.number().int().min(1).max(5),
    /** Optional; blank means none. */
    text: z
      .string()
      .trim()
      .max(reviewTextMax)
      .optional()
      .transform((text) => text || null),
  })
  .strict();

export const submitReviewOutput = z.object({
  id: z.string(),
  rating: z.number().int(),
  /** Moderation asked an admin to look at it; it is published meanwhile. */
  flagged: z.boolean(),
});

/**
 * The booking's mentee rates a session they attended, within 14 days of its end, once.
 * Codes: NOT_FOUND (not their booking), REVIEW_NOT_PARTICIPANT (its mentor), REVIEW_NOT_OPEN_YET,
 * REVIEW_NOT_ATTENDED, REVIEW_WINDOW_CLOSED, REVIEW_ALREADY_SUBMITTED, REVIEW_REJECTED.
 */
export const submit = authedProcedure
  .input(submitReviewInput)
  .output(submitReviewOutput)
  .mutation(async ({ ctx, input }) => {
    const review = await submitReview(ctx.services, {
      bookingId: input.bookingId,
      authorId: ctx.user.id,
      rating: input.rating,
      text: input.text,
    });
    return { id: review.id, rating: review.rating, flagged: review.flagged };
  });
