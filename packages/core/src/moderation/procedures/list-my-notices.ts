import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { moderationNoticesFor } from "../moderation-service.ts";
import { moderationCaseStatus, moderationSubject } from "./list-cases.ts";

export const myNoticesOutput = z.array(
  z.object({
    id: z.string(),
    subject: moderationSubject,
    status: moderationCaseStatus,
    /** Not published while this stands. */
    withheld: z.boolean(),
    reasons: z.array(z.string()),
    note: z.string().nullable(),
    createdAt: z.date(),
  }),
);

/** What moderation withholds or queues of the viewer's own content, and why. */
export const myNotices = authedProcedure
  .output(myNoticesOutput)
  .query(({ ctx }) => moderationNoticesFor(ctx.services.prisma, ctx.user.id));
