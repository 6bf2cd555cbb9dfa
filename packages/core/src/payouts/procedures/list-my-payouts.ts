import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";
import { payoutOutput, toPayoutOutput } from "../payout-output.ts";

/** The mentor's own payouts, newest first. */
export const listMyPayouts = mentorProcedure
  .input(
    z
      .object({
        ...pageInput(),
      })
      .strict()
      .default({ limit: 25 }),
  )
  .output(pageOutput(payoutOutput))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.payout.findMany({
      where: { mentorId: ctx.user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
    });
    // A cursor naming another mentor's payout yields nothing of theirs: the where clause holds.
    const page = cursorPage(rows, input.limit);
    return { items: page.items.map(toPayoutOutput), nextCursor: page.nextCursor };
  });
