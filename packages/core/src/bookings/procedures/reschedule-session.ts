import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { rescheduleSession as moveSession } from "../reschedule-session.ts";

export const rescheduleSession = mentorProcedure
  .input(z.object({ sessionId: z.string().min(1).max(100), startsAt: z.coerce.date() }).strict())
  .output(z.object({ rescheduled: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await moveSession(ctx.services, { ...input, mentorId: ctx.user.id });
    return { rescheduled: true as const };
  });
