import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { paymentInclude, paymentOutput, toPaymentOutput } from "../payment-output.ts";

export const listReceiptsInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(25),
    cursor: z.string().max(100).optional(),
  })
  .strict();

/** The caller's succeeded payments, newest first: their receipts. */
export const listReceipts = authedProcedure
  .input(listReceiptsInput)
  .output(z.object({ items: z.array(paymentOutput), nextCursor: z.string().nullable() }))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.payment.findMany({
      where: { userId: ctx.user.id, status: "SUCCEEDED" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      include: paymentInclude,
    });
    const items = rows.slice(0, input.limit);
    return {
      items: items.map(toPaymentOutput),
      nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null,
    };
  });
