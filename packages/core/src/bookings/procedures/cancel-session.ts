import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { cancelSessionByMentor } from "../cancel-booking.ts";

export const cancelSession = mentorProcedure
  .input(
    z
      .object({
        sessionId: z.string().min(1).max(100),
        reason: z.string().trim().max(500).optional(),
      })
      .strict(),
  )
  .output(z.object({ cancelledBookings: z.number().int() }))
  .mutation(({ ctx, input }) =>
    cancelSessionByMentor(ctx.services, { ...input, mentorId: ctx.user.id }),
  );
