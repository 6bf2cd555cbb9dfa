import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { reportMessage } from "../reports.ts";

export const reportMessageInput = z
  .object({
    messageId: z.string().min(1).max(100),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();

/** A recipient sends a message to the admins' review queue (idempotent). */
export const report = authedProcedure
  .input(reportMessageInput)
  .output(z.object({ reportId: z.string() }))
  .mutation(({ ctx, input }) => reportMessage(ctx.services, { userId: ctx.user.id, ...input }));
