import { appError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { paymentInclude, paymentOutput, toPaymentOutput } from "../payment-output.ts";
import { getPaymentInput } from "./get-payment.ts";

/**
 * Public REST API: one of the caller's payments. Unlike `payments.get`, an admin's key reads
 * only their own: keys never carry admin reach.
 */
export const apiGet = authedProcedure
  .meta({
    apiScope: "payments:read",
    openapi: {
      method: "GET",
      path: "/payments/{paymentId}",
      tags: ["payments"],
      summary: "One of your payments",
    },
  })
  .input(getPaymentInput)
  .output(paymentOutput)
  .query(async ({ ctx, input }) => {
    const payment = await ctx.services.prisma.payment.findFirst({
      where: { id: input.paymentId, userId: ctx.user.id },
      include: paymentInclude,
    });
    if (!payment) throw appError("NOT_FOUND");
    return toPaymentOutput(payment);
  });
