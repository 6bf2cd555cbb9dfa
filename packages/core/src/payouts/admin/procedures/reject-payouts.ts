import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { adminProcedure, requireFreshSession } from "../../../trpc/init.ts";
import { rejectPayout } from "../../payout-service.ts";
import { batchOutput, eachOf, ids } from "../payout-batch.ts";

/** Rejects one or many REQUESTED payouts with a reason shown to the mentor. */
export const adminRejectPayouts = adminProcedure
  .use(requireFreshSession)
  .input(z.object({ payoutIds: ids, reason: z.string().trim().min(1).max(500) }).strict())
  .output(batchOutput)
  .mutation(({ ctx, input }) =>
    eachOf(input.payoutIds, (payoutId) =>
      rejectPayout(ctx.services, { payoutId, reason: input.reason, actor: auditActorOf(ctx) }),
    ),
  );
