import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { decideMessageReport } from "../../reports.ts";

export const decideMessageReportInput = z
  .object({ reportId: z.string().min(1).max(100), decision: z.enum(["hide", "dismiss"]) })
  .strict();

/** Hides the reported message for everyone, or dismisses its reports. Audited. */
export const adminDecideMessageReport = adminProcedure
  .input(decideMessageReportInput)
  .output(z.object({ status: z.enum(["HIDDEN", "DISMISSED"]) }))
  .mutation(({ ctx, input }) =>
    decideMessageReport(ctx.services, { ...input, actor: auditActorOf(ctx) }),
  );
