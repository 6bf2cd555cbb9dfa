import { adminProcedure } from "../../../trpc/init.ts";
import { pageInput } from "../../../trpc/pagination.ts";
import { adminPayoutFilters, listPayoutsForAdmin } from "../list-payouts.ts";
import { adminPayoutListOutput, withFreshness } from "../payout-list.ts";

/** Payout history with filters and cursor pages (the CSV export takes the same filters). */
export const adminListPayouts = adminProcedure
  .input(adminPayoutFilters.extend(pageInput()))
  .output(adminPayoutListOutput)
  .query(async ({ ctx, input }) => {
    const { limit, cursor, ...filters } = input;
    return withFreshness(
      await listPayoutsForAdmin(ctx.services.prisma, filters, { limit, cursor }),
      ctx.services.config.moneyPaths.payoutMethodCooldownMs,
    );
  });
