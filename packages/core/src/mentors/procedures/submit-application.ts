import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { applyAsMentor } from "../application-service.ts";

export const applyOutput = z.object({ status: z.enum(["PENDING", "APPROVED"]) });

/**
 * Applies to become a mentor. Fails with PROFILE_INCOMPLETE (details.missing lists the fields)
 * or ALREADY_APPLIED; with MENTOR_APPROVAL=auto the answer is APPROVED at once.
 */
export const submitApplication = authedProcedure
  .output(applyOutput)
  .mutation(({ ctx }) => applyAsMentor(ctx.services, ctx.user.id, { requestId: ctx.requestId }));
