import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { markConversationRead } from "../read-conversation.ts";

export const markReadInput = z
  .object({ conversationId: z.string().min(1).max(100), messageId: z.string().min(1).max(100) })
  .strict();

/** Read receipt: the viewer has seen the conversation up to this message. */
export const markRead = authedProcedure
  .input(markReadInput)
  .output(z.object({ lastReadAt: z.date().nullable() }))
  .mutation(({ ctx, input }) =>
    markConversationRead(ctx.services.prisma, { userId: ctx.user.id, ...input }),
  );
