import { z } from "zod";
import { auditActorOf, writeAudit } from "../../../audit/index.ts";
import { refundDestination } from "../../../contracts/index.ts";
import { AppError } from "../../../errors/index.ts";
import { ledgerTransactionOptions } from "../../../ledger/index.ts";
import { adminProcedure, requireFreshSession } from "../../../trpc/init.ts";
import { paymentInclude, paymentOutput, toPaymentOutput } from "../../payment-output.ts";
import { refundPaymentInTransaction } from "../../refunds/refund-payment.ts";

export const adminRefundInput = z
  .object({
    paymentId: z.string().min(1).max(100),
    /** Omitted: everything not refunded yet. */
    amountMinor: z.number().int().positive().optional(),
    reason: z.string().trim().min(1).max(500),
    destination: refundDestination.optional(),
    /** Chosen by the page once per form: a double submit refunds once. */
    requestKey: z.string().min(8).max(100),
  })
  .strict();

/** An admin refunds a payment, partly or fully. */
export const adminRefundPayment = adminProcedure
  .use(requireFreshSession)
  .input(adminRefundInput)
  .output(paymentOutput)
  .mutation(async ({ ctx, input }) => {
    const exists = await ctx.services.prisma.payment.count({ where: { id: input.paymentId } });
    if (!exists) throw new AppError("NOT_FOUND");
    await ctx.services.prisma.$transaction(async (tx) => {
      const refund = await refundPaymentInTransaction(ctx.services, tx, {
        paymentId: input.paymentId,
        ...(input.amountMinor ? { amountMinor: input.amountMinor } : {}),
        reason: input.reason,
        cause: `admin:${input.requestKey}`,
        ...(input.destination ? { destination: input.destination } : {}),
        requestedById: ctx.user.id,
      });
      // A double submit finds the first refund (same cause) under the payment's lock, after the
      // first transaction committed its audit row: audit each refund once.
      const already = await tx.auditLog.count({
        where: { action: "payment.refund", targetType: "refund", targetId: refund.id },
      });
      if (already === 0) {
        await writeAudit(tx, auditActorOf(ctx), {
          action: "payment.refund",
          targetType: "refund",
          targetId: refund.id,
          details: {
            paymentId: input.paymentId,
            amountMinor: refund.amountMinor,
            destination: refund.destination,
            reason: input.reason,
          },
        });
      }
    }, ledgerTransactionOptions);
    const payment = await ctx.services.prisma.payment.findUniqueOrThrow({
      where: { id: input.paymentId },
      include: paymentInclude,
    });
    return toPaymentOutput(payment);
  });
