import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { readConversation } from "../read-conversation.ts";

export const getConversationInput = z
  .object({
    conversationId: z.string().min(1).max(100),
    /** The id of the oldest message already shown: the page before it. */
    cursor: z.string().min(1).max(100).optional(),
  })
  .strict();

/** One page of a conversation (newest first) for a participant; anyone else: NOT_FOUND. */
export const get = authedProcedure
  .input(getConversationInput)
  .query(({ ctx, input }) =>
    readConversation(ctx.services.prisma, { userId: ctx.user.id, ...input }),
  );
