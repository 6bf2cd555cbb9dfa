import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";
import { notificationItem, toNotificationItem } from "../notification-output.ts";

export const listInput = z
  .object({ ...pageInput({ defaultLimit: 20, maxLimit: 50 }), unreadOnly: z.boolean().optional() })
  .strict()
  .default({ limit: 20 });

/** The viewer's notifications, newest first, in cursor pages (their own only). */
export const list = authedProcedure
  .input(listInput)
  .output(pageOutput(notificationItem))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.notification.findMany({
      where: {
        recipientId: ctx.user.id,
        shownInApp: true,
        ...(input.unreadOnly ? { readAt: null } : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, kind: true, data: true, createdAt: true, readAt: true },
      ...pageArgs(input),
    });
    const page = cursorPage(rows, input.limit);
    return { ...page, items: page.items.map((row) => toNotificationItem(row, ctx)) };
  });
