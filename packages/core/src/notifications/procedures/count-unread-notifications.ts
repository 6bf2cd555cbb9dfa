import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";

/** How many of the viewer's notifications are unread: the bell's number. */
export const unreadCount = authedProcedure
  .output(z.object({ count: z.number().int() }))
  .query(async ({ ctx }) => ({
    count: await ctx.services.prisma.notification.count({
      where: { recipientId: ctx.user.id, shownInApp: true, readAt: null },
    }),
  }));
