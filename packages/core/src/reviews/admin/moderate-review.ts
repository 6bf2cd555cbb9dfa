import { z } from "zod";
import { auditActorOf } from "../../audit/index.ts";
import { adminProcedure } from "../../trpc/init.ts";
import { hideReasonMax } from "../policy.ts";
import { moderateReview } from "../review-service.ts";

const output = z.object({ id: z.string(), hidden: z.boolean(), flagged: z.boolean() });

/** Hides a visible review: off the mentor's page and aggregate. The reason is required. */
export const hideReview = adminProcedure
  .input(
    z.object({ reviewId: z.uuid(), reason: z.string().trim().min(1).max(hideReasonMax) }).strict(),
  )
  .output(output)
  .mutation(({ ctx, input }) =>
    moderateReview(ctx.services, {
      reviewId: input.reviewId,
      action: "hide",
      reason: input.reason,
      audit: { ...auditActorOf(ctx), actorId: ctx.user.id },
    }),
  );

/** Shows a hidden review again (back in the aggregate), with an optional reason. */
export const unhideReview = adminProcedure
  .input(
    z
      .object({
        reviewId: z.uuid(),
        reason: z
          .string()
          .trim()
          .max(hideReasonMax)
          .optional()
          .transform((reason) => reason || null),
      })
      .strict(),
  )
  .output(output)
  .mutation(({ ctx, input }) =>
    moderateReview(ctx.services, {
      reviewId: input.reviewId,
      action: "unhide",
      reason: input.reason,
      audit: { ...auditActorOf(ctx), actorId: ctx.user.id },
    }),
  );

/** Keeps a flagged review published: the flag is cleared. */
export const keepReview = adminProcedure
  .input(z.object({ reviewId: z.uuid() }).strict())
  .output(output)
  .mutation(({ ctx, input }) =>
    moderateReview(ctx.services, {
      reviewId: input.reviewId,
      action: "keep",
      reason: null,
      audit: { ...auditActorOf(ctx), actorId: ctx.user.id },
    }),
  );
