import { fromPrisma } from "pg-boss";
import { z } from "zod";
import { auditActorOf, writeAudit } from "../../../audit/index.ts";
import { AppError } from "../../../errors/index.ts";
import { enqueue } from "../../../jobs/define.ts";
import { publishToAdmins } from "../../../realtime/index.ts";
import { adminProcedure } from "../../../trpc/init.ts";
import { processWebhookQueue } from "../../webhooks/process-webhook.queue.ts";

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
      await publishToAdmins(tx, "admin.webhooks", event.id);
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
