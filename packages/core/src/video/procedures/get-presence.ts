import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { callAccess } from "../call-access.ts";

export const getPresenceInput = z.object({ sessionId: z.string().min(1).max(100) }).strict();

export const getPresenceOutput = z.object({
  /** People connected now, as the provider's callbacks reported them. */
  connected: z.array(z.object({ id: z.string(), since: z.date() })),
});

/** Who is in the call right now (the call page polls it; on Twilio the SDK also tells). */
export const getPresence = authedProcedure
  .input(getPresenceInput)
  .output(getPresenceOutput)
  .query(async ({ ctx, input }) => {
    await callAccess(ctx.services, ctx.user.id, input.sessionId);
    const open = await ctx.services.prisma.videoConnection.findMany({
      where: { sessionId: input.sessionId, disconnectedAt: null },
      orderBy: { connectedAt: "asc" },
      select: { userId: true, connectedAt: true },
    });
    const since = new Map<string, Date>();
    for (const c of open) if (!since.has(c.userId)) since.set(c.userId, c.connectedAt);
    return { connected: [...since].map(([id, at]) => ({ id, since: at })) };
  });
