import { z } from "zod";
import { AppError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { paymentInclude, paymentOutput, toPaymentOutput } from "../payment-output.ts";

export const getPaymentInput = z.object({ paymentId: z.string().min(1).max(100) }).strict();

/** One of the caller's payments (the status page polls it); anyone else's reads as not found. */
export const getPayment = authedProcedure
  .input(getPaymentInput)
  .output(paymentOutput)
  .query(async ({ ctx, input }) => {
    const payment = await ctx.services.prisma.payment.findUnique({
      where: { id: input.paymentId },
      include: paymentInclude,
    });
    if (!payment || (payment.userId !== ctx.user.id && ctx.user.role !== "ADMIN")) {
      throw new AppError("NOT_FOUND");
    }
    return toPaymentOutput(payment);
  });
