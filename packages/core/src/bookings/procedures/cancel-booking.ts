import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { cancelBookingByMentee } from "../cancel-booking.ts";

export const cancelInput = z
  .object({ bookingId: z.string().min(1).max(100), reason: z.string().trim().max(500).optional() })
  .strict();

/** The mentee cancels their own place, within the cancellation policy. */
export const cancel = authedProcedure
  .input(cancelInput)
  .output(z.object({ cancelled: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await cancelBookingByMentee(ctx.services, { ...input, menteeId: ctx.user.id });
    return { cancelled: true as const };
  });
