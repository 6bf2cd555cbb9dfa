import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { readQueueCounts } from "../queue-state.ts";

export const queueRow = z.object({
  name: z.string(),
  deadLetter: z.string().nullable(),
  isDeadLetter: z.boolean(),
  ready: z.number().int(),
  deferred: z.number().int(),
  active: z.number().int(),
  failed: z.number().int(),
  oldestSeconds: z.number(),
});

/** Every pg-boss queue with its jobs by state and the age of its oldest waiting job. */
export const adminListQueues = adminProcedure
  .output(z.array(queueRow))
  .query(async ({ ctx }) => readQueueCounts(ctx.services.pool));
