import { z } from "zod";
import { publicProcedure } from "../../trpc/init.ts";
import { pageInput } from "../../trpc/pagination.ts";
import { mentorReviews } from "../listing.ts";
import { publicReviewOutput } from "../review-output.ts";

export const forMentorInput = z
  .object({
    mentorId: z.string().min(1).max(100),
    ...pageInput({ defaultLimit: 10, maxLimit: 50 }),
  })
  .strict();

export const forMentorOutput = z.object({
  /** Visible reviews. */
  count: z.number().int(),
  /** Average stars, one decimal; null without reviews. */
  average: z.number().nullable(),
  /** Visible reviews per star count, 5 down to 1. */
  distribution: z.array(z.object({ stars: z.number().int(), count: z.number().int() })),
  items: z.array(publicReviewOutput),
  nextCursor: z.string().nullable(),
});

/** A listed mentor's page: their visible reviews, newest first, with average and distribution. */
export const forMentor = publicProcedure
  .input(forMentorInput)
  .output(forMentorOutput)
  .query(({ ctx, input }) =>
    mentorReviews(ctx.services.prisma, input.mentorId, {
      limit: input.limit,
      cursor: input.cursor,
    }),
  );
