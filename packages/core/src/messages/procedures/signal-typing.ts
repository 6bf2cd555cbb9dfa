import { z } from "zod";
import { userKey } from "../../rate-limits/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { signalTyping } from "../read-conversation.ts";

export const signalTypingInput = z.object({ conversationId: z.string().min(1).max(100) }).strict();

/** "Is typing" for the other participant's page (optional in issue #15); rate-limited. */
export const typing = authedProcedure
  .input(signalTypingInput)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await ctx.services.rateLimits.consume("message-typing", userKey(ctx.user.id));
    await signalTyping(ctx.services.prisma, { userId: ctx.user.id, ...input });
    return { ok: true as const };
  });
