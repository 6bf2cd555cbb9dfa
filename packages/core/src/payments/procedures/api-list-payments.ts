import { z } from "zod";
import { paymentStatus } from "../../contracts/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageCursor, pageOutput } from "../../trpc/pagination.ts";
import { paymentInclude, paymentOutput, toPaymentOutput } from "../payment-output.ts";

export const apiListPaymentsInput = z
  .object({
    status: paymentStatus.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: pageCursor.optional(),
  })
  .strict();

/** Public REST API: the caller's own payments, newest first; read only (decision 052). */
export const apiList = authedProcedure
  .meta({
    apiScope: "payments:read",
    openapi: {
      method: "GET",
      path: "/payments",
      tags: ["payments"],
      summary: "Your payments",
      description: "Every payment you made (bookings and wallet top-ups), newest first.",
    },
  })
  .input(apiListPaymentsInput)
  .output(pageOutput(paymentOutput))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.payment.findMany({
      where: { userId: ctx.user.id, ...(input.status ? { status: input.status } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
      include: paymentInclude,
    });
    const page = cursorPage(rows, input.limit);
    return { items: page.items.map(toPaymentOutput), nextCursor: page.nextCursor };
  });
