import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { retryJob } from "../job-actions.ts";
import { jobRef } from "../job-ref.ts";

/** Retries a failed job, or sends a dead job back to the queue it failed on. */
export const adminRetryJob = adminProcedure
  .input(jobRef)
  .output(z.object({ action: z.enum(["retried", "redriven"]) }))
  .mutation(({ ctx, input }) => retryJob(ctx.services, input, auditActorOf(ctx)));
