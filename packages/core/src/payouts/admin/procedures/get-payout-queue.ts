import { z } from "zod";
import { adminProcedure } from "../../../trpc/init.ts";
import { pageInput } from "../../../trpc/pagination.ts";
import { listPayoutsForAdmin } from "../list-payouts.ts";
import { adminPayoutListOutput, withFreshness } from "../payout-list.ts";

/** What waits for an admin: REQUESTED payouts, oldest first (and approved bank transfers). */
export const adminPayoutQueue = adminProcedure
  .input(
    z
      .object({ status: z.enum(["REQUESTED", "APPROVED"]).default("REQUESTED"), ...pageInput() })
      .strict(),
  )
  .output(adminPayoutListOutput)
  .query(async ({ ctx, input }) =>
    withFreshness(
      await listPayoutsForAdmin(
        ctx.services.prisma,
        input.status === "APPROVED"
          ? { status: "APPROVED", method: "BANK_TRANSFER" }
          : { status: "REQUESTED" },
        { limit: input.limit, cursor: input.cursor, order: "oldest" },
      ),
      ctx.services.config.moneyPaths.payoutMethodCooldownMs,
    ),
  );
