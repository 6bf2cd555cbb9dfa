import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";
import { paymentInclude, paymentOutput, toPaymentOutput } from "../payment-output.ts";

export const listReceiptsInput = z
  .object({
    ...pageInput(),
  })
  .strict();

/** The caller's succeeded payments, newest first: their receipts. */
export const listReceipts = authedProcedure
  .input(listReceiptsInput)
  .output(pageOutput(paymentOutput))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.payment.findMany({
      where: { userId: ctx.user.id, status: "SUCCEEDED" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
      include: paymentInclude,
    });
    const page = cursorPage(rows, input.limit);
    return { items: page.items.map(toPaymentOutput), nextCursor: page.nextCursor };
  });
