import { z } from "zod";
import { AppError } from "../../errors/index.ts";
import { publishRealtime } from "../../realtime/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { safePath } from "../notification-output.ts";

export const markReadInput = z.object({ id: z.string().min(1).max(100) }).strict();

/**
 * Marks one of the viewer's notifications read (again: a no-op) and returns where it links.
 * Someone else's id, or one that does not exist, is NOT_FOUND: the two cannot be told apart.
 * The viewer's other tabs hear it.
 */
export const markRead = authedProcedure
  .input(markReadInput)
  .output(z.object({ id: z.string(), readAt: z.date(), path: z.string() }))
  .mutation(async ({ ctx, input }) =>
    ctx.services.prisma.$transaction(async (tx) => {
      const mine = { id: input.id, recipientId: ctx.user.id };
      const { count } = await tx.notification.updateMany({
        where: { ...mine, readAt: null },
        data: { readAt: new Date() },
      });
      const row = await tx.notification.findFirst({
        where: mine,
        select: { readAt: true, data: true },
      });
      if (!row?.readAt) throw new AppError("NOT_FOUND");
      if (count === 1) {
        await publishRealtime(tx, { userIds: [ctx.user.id], topic: "notification", ref: input.id });
      }
      const path = safePath((row.data as { path?: unknown } | null)?.path);
      return { id: input.id, readAt: row.readAt, path };
    }),
  );
