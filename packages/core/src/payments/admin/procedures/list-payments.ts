import { fromPrisma } from "pg-boss";
import { z } from "zod";
import { auditActorOf, writeAudit } from "../../../audit/index.ts";
import { AppError } from "../../../errors/index.ts";
import { enqueue } from "../../../jobs/define.ts";
import { ledgerTransactionOptions } from "../../../ledger/index.ts";
import { adminProcedure, requireFreshSession, router } from "../../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../../trpc/pagination.ts";
import { paymentInclude, paymentOutput, toPaymentOutput } from "../../payment-output.ts";
import { refundPaymentInTransaction } from "../../refunds/refund-payment.ts";
import { processWebhookQueue } from "../../webhooks/process-webhook.queue.ts";
import { adminPaymentFilters, adminPaymentRow, listPaymentsForAdmin } from "../list-payments.ts";

export const adminListPaymentsInput = adminPaymentFilters.extend({
  ...pageInput(),
});

/** Payments history with filters and cursor pagination (the CSV export takes the same filters). */
export const adminListPayments = adminProcedure
  .input(adminListPaymentsInput)
  .output(pageOutput(adminPaymentRow))
  .query(({ ctx, input }) => {
    const { limit, cursor, ...filters } = input;
    return listPaymentsForAdmin(ctx.services.prisma, filters, { limit, cursor });
  });

export const adminRefundInput = z
  .object({
    paymentId: z.string().min(1).max(100),
    /** Omitted: everything not refunded yet. */
    amountMinor: z.number().int().positive().optional(),
    reason: z.string().trim().min(1).max(500),
    destination: z.enum(["ORIGINAL", "WALLET"]).optional(),
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

const webhookStatus = z.enum(["RECEIVED", "PROCESSED", "FAILED", "DEAD"]);

export const adminListWebhooksInput = z
  .object({
    status: webhookStatus.optional(),
    provider: z.string().max(50).optional(),
    /** Failed and dead events only. */
    failuresOnly: z.boolean().default(false),
    ...pageInput(),
  })
  .strict();

const webhookRow = z.object({
  id: z.string(),
  provider: z.string(),
  eventId: z.string(),
  type: z.string(),
  status: webhookStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
});

/** Stored webhook events, newest first, with their processing state and last error. */
export const adminListWebhooks = adminProcedure
  .input(adminListWebhooksInput)
  .output(pageOutput(webhookRow))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.webhookEvent.findMany({
      where: {
        provider: input.provider,
        status: input.failuresOnly ? { in: ["FAILED", "DEAD"] } : input.status,
      },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
      select: {
        id: true,
        provider: true,
        eventId: true,
        type: true,
        status: true,
        attempts: true,
        lastError: true,
        receivedAt: true,
        processedAt: true,
      },
    });
    return cursorPage(rows, input.limit);
  });

/** Processes a failed or dead event again (after the cause is fixed). */
export const adminReplayWebhook = adminProcedure
  .input(z.object({ webhookEventId: z.string().min(1).max(100) }).strict())
  .output(z.object({ replayed: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const { prisma, boss } = ctx.services;
    const event = await prisma.webhookEvent.findUnique({ where: { id: input.webhookEventId } });
    if (!event) throw new AppError("NOT_FOUND");
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.webhookEvent.updateMany({
        where: { id: event.id, status: { in: ["FAILED", "DEAD"] } },
        data: { status: "RECEIVED", attempts: 0 },
      });
      if (count === 0) throw new AppError("WEBHOOK_NOT_REPLAYABLE");
      await writeAudit(tx, auditActorOf(ctx), {
        action: "webhook.replay",
        targetType: "webhook_event",
        targetId: event.id,
        details: { provider: event.provider, type: event.type, previousStatus: event.status },
      });
      await enqueue(
        boss,
        processWebhookQueue,
        { webhookEventId: event.id },
        { db: fromPrisma(tx) },
      );
    });
    ctx.services.logger.info(
      { webhookEventId: event.id, adminId: ctx.user.id },
      "webhook event replayed",
    );
    return { replayed: true as const };
  });

export const adminPaymentsRouter = router({
  list: adminListPayments,
  refund: adminRefundPayment,
});

export const adminWebhooksRouter = router({
  list: adminListWebhooks,
  replay: adminReplayWebhook,
});
