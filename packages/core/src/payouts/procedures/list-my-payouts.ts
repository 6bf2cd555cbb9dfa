import { z } from "zod";
import { invoiceUrlPath } from "../../invoices/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";
import { payoutOutput, toPayoutOutput } from "../payout-output.ts";

/** A payout as its mentor's list shows it: with its statement, once issued. */
const myPayoutOutput = payoutOutput.extend({
  statement: z.object({ number: z.string(), url: z.string() }).nullable(),
});

/** The mentor's own payouts, newest first, each with its payout statement's link. */
export const listMyPayouts = mentorProcedure
  .input(
    z
      .object({
        ...pageInput(),
      })
      .strict()
      .default({ limit: 25 }),
  )
  .output(pageOutput(myPayoutOutput))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.payout.findMany({
      where: { mentorId: ctx.user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
    });
    // A cursor naming another mentor's payout yields nothing of theirs: the where clause holds.
    const page = cursorPage(rows, input.limit);
    const statements = await ctx.services.prisma.invoice.findMany({
      where: {
        ownerId: ctx.user.id,
        kind: "PAYOUT_STATEMENT",
        payoutId: { in: page.items.map((row) => row.id) },
      },
      select: { id: true, number: true, payoutId: true },
    });
    const items = page.items.map((row) => {
      const statement = statements.find((entry) => entry.payoutId === row.id);
      return {
        ...toPayoutOutput(row),
        statement: statement
          ? { number: statement.number, url: invoiceUrlPath(statement.id) }
          : null,
      };
    });
    return { items, nextCursor: page.nextCursor };
  });
