import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";
import { invoiceSummary, toInvoiceSummary } from "../invoice-output.ts";

export const listStatementsInput = z
  .object({
    ...pageInput(),
  })
  .strict();

/** The mentor's payout statements, newest first. */
export const listStatements = mentorProcedure
  .input(listStatementsInput)
  .output(pageOutput(invoiceSummary))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.invoice.findMany({
      where: { ownerId: ctx.user.id, kind: "PAYOUT_STATEMENT" },
      orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
    });
    const page = cursorPage(rows, input.limit);
    return { items: page.items.map(toInvoiceSummary), nextCursor: page.nextCursor };
  });
