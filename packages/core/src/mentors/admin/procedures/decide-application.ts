import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { decideApplication } from "../../application-service.ts";

export const decideApplicationInput = z
  .object({
    userId: z.string().min(1).max(100),
    decision: z.enum(["approve", "reject"]),
    /** Shown to the applicant; blank means none. */
    note: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .transform((note) => note || null),
  })
  .strict();

export const decideApplicationOutput = z.object({
  userId: z.string(),
  status: z.enum(["APPROVED", "REJECTED"]),
  decidedAt: z.date(),
});

/**
 * Approves (granting the MENTOR role) or rejects a PENDING application. Deciding an
 * application that is not pending fails with CONFLICT (details.status says what it is).
 */
export const decide = adminProcedure
  .input(decideApplicationInput)
  .output(decideApplicationOutput)
  .mutation(({ ctx, input }) =>
    decideApplication(ctx.services, {
      adminId: ctx.user.id,
      userId: input.userId,
      decision: input.decision,
      note: input.note,
      requestId: ctx.requestId,
      audit: auditActorOf(ctx),
    }),
  );
