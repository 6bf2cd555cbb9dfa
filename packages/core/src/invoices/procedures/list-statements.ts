import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { invoiceSummary, toInvoiceSummary } from "./invoice-output.ts";

export const listStatementsInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(25),
    cursor: z.string().max(100).optional(),
  })
  .strict();

/** The mentor's payout statements, newest first. */
export const listStatements = mentorProcedure
  .input(listStatementsInput)
  .output(z.object({ items: z.array(invoiceSummary), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.invoice.findMany({
      where: { ownerId: ctx.user.id, kind: "PAYOUT_STATEMENT" },
      orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    });
    const items = rows.slice(0, input.limit);
    return {
      items: items.map(toInvoiceSummary),
      nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null,
    };
  });
