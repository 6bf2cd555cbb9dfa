import { z } from "zod";
import { userKey } from "../../rate-limits/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { bookingOutput, toBookingOutput } from "../booking-output.ts";
import { holdSlot } from "../hold-slot.ts";

export const holdInput = z
  .object({
    optionId: z.string().min(1).max(100),
    startsAt: z.coerce.date(),
    note: z.string().trim().max(1000).optional(),
    topic: z.string().trim().max(120).optional(),
    skillSlugs: z.array(z.string().max(60)).max(10).optional(),
    invitationToken: z.string().min(10).max(200).optional(),
  })
  .strict();

/** Takes a place in a slot: confirmed at once when free, else held for payment. */
export const hold = authedProcedure
  .input(holdInput)
  .output(bookingOutput)
  .mutation(async ({ ctx, input }) => {
    // Holds block a slot for everyone else: one person must not sit on a mentor's calendar.
    await ctx.services.rateLimits.consume("booking-hold", userKey(ctx.user.id));
    return toBookingOutput(await holdSlot(ctx.services, { ...input, menteeId: ctx.user.id }));
  });
