import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { listConversations } from "../read-conversation.ts";

export const listConversationsInput = z
  .object({ cursor: z.string().min(1).max(100).optional() })
  .strict()
  .optional();

/** The viewer's conversations, most recently active first, with unread counts. */
export const list = authedProcedure
  .input(listConversationsInput)
  .query(({ ctx, input }) =>
    listConversations(ctx.services.prisma, { userId: ctx.user.id, cursor: input?.cursor }),
  );
