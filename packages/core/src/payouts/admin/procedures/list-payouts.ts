import { adminProcedure } from "../../../trpc/init.ts";
import { pageInput, pageOutput } from "../../../trpc/pagination.ts";
import { adminPayoutFilters, adminPayoutRow, listPayoutsForAdmin } from "../list-payouts.ts";

const page = pageInput();
const listOutput = pageOutput(adminPayoutRow);

/** Payout history with filters and cursor pages (the CSV export takes the same filters). */
export const adminListPayouts = adminProcedure
  .input(adminPayoutFilters.extend(page))
  .output(listOutput)
  .query(({ ctx, input }) => {
    const { limit, cursor, ...filters } = input;
    return listPayoutsForAdmin(ctx.services.prisma, filters, { limit, cursor });
  });
