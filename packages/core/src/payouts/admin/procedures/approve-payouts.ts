import { z } from "zod";
import { auditActorOf } from "../../../audit/index.ts";
import { adminProcedure, requireFreshSession } from "../../../trpc/init.ts";
import { approvePayout } from "../../payout-service.ts";
import { batchOutput, eachOf, ids } from "../payout-batch.ts";

/** Approves one or many REQUESTED payouts; each enqueues its payout.execute in its transaction. */
export const adminApprovePayouts = adminProcedure
  .use(requireFreshSession)
  .input(z.object({ payoutIds: ids }).strict())
  .output(batchOutput)
  .mutation(({ ctx, input }) =>
    eachOf(input.payoutIds, (payoutId) =>
      approvePayout(ctx.services, { payoutId, actor: auditActorOf(ctx) }),
    ),
  );
