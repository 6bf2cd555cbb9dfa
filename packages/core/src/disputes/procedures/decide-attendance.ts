import { fromPrisma } from "pg-boss";
import { z } from "zod";
import { auditActorOf, writeAudit } from "../../audit/index.ts";
import { releaseEarningsQueue } from "../../earnings/index.ts";
import { AppError } from "../../errors/index.ts";
import { enqueue } from "../../jobs/define.ts";
import { ledgerTransactionOptions } from "../../ledger/index.ts";
import { refundPaymentInTransaction } from "../../payments/index.ts";
import { adminProcedure } from "../../trpc/init.ts";

export const decideAttendanceInput = z
  .object({
    sessionId: z.string().min(1).max(100),
    decision: z.enum(["release", "refund"]),
  })
  .strict();

/**
 * The admin's decision on a session nobody attended: release (each paid booking's release job
 * runs now) or refund (every payment of its bookings, in full). Guarded PENDING → decided, so a
 * second click or a concurrent admin changes nothing.
 */
export const adminDecideAttendance = adminProcedure
  .input(decideAttendanceInput)
  .output(z.object({ status: z.enum(["RELEASED", "REFUNDED"]) }))
  .mutation(async ({ ctx, input }) => {
    const { services } = ctx;
    const status = input.decision === "release" ? "RELEASED" : "REFUNDED";
    await services.prisma.$transaction(async (tx) => {
      const { count } = await tx.attendanceReview.updateMany({
        where: { sessionId: input.sessionId, status: "PENDING" },
        data: { status, decidedById: ctx.user.id, decidedAt: new Date() },
      });
      if (count === 0) throw new AppError("CONFLICT", { sessionId: input.sessionId });
      const bookings = await tx.booking.findMany({
        where: { sessionId: input.sessionId, status: "COMPLETED", priceMinor: { gt: 0 } },
        select: { id: true },
      });
      for (const booking of bookings) {
        if (status === "RELEASED") {
          await enqueue(
            services.boss,
            releaseEarningsQueue,
            { bookingId: booking.id },
            { db: fromPrisma(tx) },
          );
          continue;
        }
        const payments = await tx.payment.findMany({
          where: { bookingId: booking.id, status: "SUCCEEDED", creditedToWallet: false },
        });
        for (const payment of payments) {
          if (payment.refundedMinor >= payment.amountMinor) continue;
          await refundPaymentInTransaction(services, tx, {
            paymentId: payment.id,
            reason: "Nobody attended the session",
            cause: `attendance-review:${input.sessionId}:${payment.id}`,
            requestedById: ctx.user.id,
          });
        }
      }
      await writeAudit(tx, auditActorOf(ctx), {
        action: `attendance.${input.decision}`,
        targetType: "session",
        targetId: input.sessionId,
        details: { bookings: bookings.length },
      });
    }, ledgerTransactionOptions);
    return { status };
  });
