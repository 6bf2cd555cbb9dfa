import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { openConversation } from "../conversations.ts";

export const openConversationInput = z.object({ bookingId: z.string().min(1).max(100) }).strict();

/**
 * The conversation of one of the viewer's bookings (as its mentee or its mentor), created on
 * first open. Someone else's booking, or one never confirmed, is NOT_FOUND.
 */
export const open = authedProcedure
  .input(openConversationInput)
  .output(z.object({ conversationId: z.string() }))
  .mutation(({ ctx, input }) =>
    openConversation(ctx.services.prisma, ctx.user.id, input.bookingId),
  );
