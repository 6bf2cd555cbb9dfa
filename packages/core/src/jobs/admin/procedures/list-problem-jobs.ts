import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { listProblemJobs } from "../queue-state.ts";

export const queueName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.:-]+$/);

export const problemJobRow = z.object({
  id: z.string(),
  queue: z.string(),
  kind: z.enum(["failed", "dead"]),
  sourceQueue: z.string().nullable(),
  error: z.string().nullable(),
  retryCount: z.number().int(),
  createdOn: z.date(),
  failedOn: z.date(),
});

/** Failed jobs and dead-lettered jobs with the error they failed with, newest first. */
export const adminListProblemJobs = adminProcedure
  .input(
    z
      .object({
        queue: queueName.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict()
      .default({ limit: 50 }),
  )
  .output(z.array(problemJobRow))
  .query(async ({ ctx, input }) =>
    listProblemJobs(ctx.services.pool, { queue: input.queue, limit: input.limit }),
  );
