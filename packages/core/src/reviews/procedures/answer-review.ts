import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { reviewAnswerMax } from "../policy.ts";
import { answerReview } from "../review-service.ts";

export const answerReviewInput = z
  .object({
    reviewId: z.uuid(),
    answer: z.string().trim().min(1).max(reviewAnswerMax),
  })
  .strict();

export const answerReviewOutput = z.object({
  id: z.string(),
  answer: z.string(),
  answeredAt: z.date(),
});

/** The reviewed mentor answers once. NOT_FOUND for another mentor's review; REVIEW_ALREADY_ANSWERED. */
export const answer = mentorProcedure
  .input(answerReviewInput)
  .output(answerReviewOutput)
  .mutation(async ({ ctx, input }) => {
    const review = await answerReview(ctx.services, {
      reviewId: input.reviewId,
      mentorId: ctx.user.id,
      answer: input.answer,
    });
    return {
      id: review.id,
      answer: review.answer ?? "",
      answeredAt: review.answeredAt ?? new Date(),
    };
  });
