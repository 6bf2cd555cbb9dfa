import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { deleteJob } from "../job-actions.ts";
import { jobRef } from "../job-ref.ts";

/** Deletes a failed or dead job. */
export const adminDeleteJob = adminProcedure
  .input(jobRef)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await deleteJob(ctx.services, input, auditActorOf(ctx));
    return { deleted: true as const };
  });
