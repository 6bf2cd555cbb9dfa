import { z } from "zod";
import { auditActorOf } from "../../audit/index.ts";
import { adminProcedure } from "../../trpc/init.ts";
import { decideModerationCase } from "../moderation-service.ts";

export const decideCaseInput = z
  .object({
    caseId: z.uuid(),
    decision: z.enum(["approve", "reject"]),
    /** Sent to the author; blank means none. */
    note: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .transform((note) => note || null),
  })
  .strict();

export const decideCaseOutput = z.object({
  id: z.string(),
  status: z.enum(["APPROVED", "REJECTED"]),
  decidedAt: z.date(),
});

/**
 * Approves (publishes) or rejects (keeps withheld) a queued or blocked case; audit-logged and the
 * author notified. A decided or superseded case fails with MODERATION_CASE_CLOSED.
 */
export const decideCase = adminProcedure
  .input(decideCaseInput)
  .output(decideCaseOutput)
  .mutation(({ ctx, input }) =>
    decideModerationCase(ctx.services, {
      caseId: input.caseId,
      decision: input.decision,
      note: input.note,
      audit: { ...auditActorOf(ctx), actorId: ctx.user.id },
    }),
  );
