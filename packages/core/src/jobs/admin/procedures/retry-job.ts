import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { deleteJob, retryJob } from "../job-actions.ts";
import { queueName } from "./list-problem-jobs.ts";

const jobRef = z.object({ queue: queueName, id: z.uuid() }).strict();

/** Retries a failed job, or sends a dead job back to the queue it failed on. */
export const adminRetryJob = adminProcedure
  .input(jobRef)
  .output(z.object({ action: z.enum(["retried", "redriven"]) }))
  .mutation(({ ctx, input }) => retryJob(ctx.services, input, auditActorOf(ctx)));

/** Deletes a failed or dead job. */
export const adminDeleteJob = adminProcedure
  .input(jobRef)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await deleteJob(ctx.services, input, auditActorOf(ctx));
    return { deleted: true as const };
  });
