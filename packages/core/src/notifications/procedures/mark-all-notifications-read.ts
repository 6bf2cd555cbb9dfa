import { z } from "zod";
import { publishRealtime } from "../../realtime/index.ts";
import { authedProcedure } from "../../trpc/init.ts";

/** Marks every unread notification of the viewer read; returns how many changed. */
export const markAllRead = authedProcedure
  .output(z.object({ count: z.number().int() }))
  .mutation(async ({ ctx }) =>
    ctx.services.prisma.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({
        where: { recipientId: ctx.user.id, readAt: null },
        data: { readAt: new Date() },
      });
      if (count > 0) {
        await publishRealtime(tx, { userIds: [ctx.user.id], topic: "notification", ref: "all" });
      }
      return { count };
    }),
  );
