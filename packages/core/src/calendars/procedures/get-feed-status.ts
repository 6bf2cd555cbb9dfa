import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";

/** Whether the caller has a subscription URL, and since when (the URL itself is never kept). */
export const feedStatus = authedProcedure
  .output(z.object({ active: z.boolean(), createdAt: z.date().nullable() }))
  .query(async ({ ctx }) => {
    const row = await ctx.services.prisma.calendarFeedToken.findUnique({
      where: { userId: ctx.user.id },
      select: { createdAt: true },
    });
    return { active: Boolean(row), createdAt: row?.createdAt ?? null };
  });
