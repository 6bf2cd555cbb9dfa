import { adminProcedure } from "../../../trpc/init.ts";
import { pageInput, pageOutput } from "../../../trpc/pagination.ts";
import { adminPaymentFilters, adminPaymentRow, listPaymentsForAdmin } from "../list-payments.ts";

export const adminListPaymentsInput = adminPaymentFilters.extend({
  ...pageInput(),
});

/** Payments history with filters and cursor pagination (the CSV export takes the same filters). */
export const adminListPayments = adminProcedure
  .input(adminListPaymentsInput)
  .output(pageOutput(adminPaymentRow))
  .query(({ ctx, input }) => {
    const { limit, cursor, ...filters } = input;
    return listPaymentsForAdmin(ctx.services.prisma, filters, { limit, cursor });
  });
