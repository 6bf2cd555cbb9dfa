import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";

export const sessionSummary = z.object({
  id: z.string(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
  current: z.boolean(),
});

/** The viewer's live sessions (devices signed in), newest first. */
export const listSessions = authedProcedure
  .output(z.array(sessionSummary))
  .query(async ({ ctx }) => {
    const sessions = await ctx.services.prisma.session.findMany({
      where: { userId: ctx.user.id, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
    });
    return sessions.map((session) => ({
      id: session.id,
      ipAddress: session.ipAddress,
      userAgent: session.userAgent,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
      current: session.id === ctx.session.session.id,
    }));
  });
