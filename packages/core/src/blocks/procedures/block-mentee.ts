import { z } from "zod";
import { AppError } from "../../errors/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";

export const blockInput = z.object({ bookingId: z.string().min(1).max(100) }).strict();

/**
 * Blocks the mentee of one of the mentor's bookings: they can no longer book this mentor (the
 * hold answers SLOT_UNAVAILABLE, as for a slot that is gone). By booking, not by user id: a
 * mentor only blocks people who booked them, and cannot probe other accounts. Idempotent.
 * Existing bookings stay; the mentor cancels them through the usual path if they want.
 */
export const block = mentorProcedure
  .input(blockInput)
  .output(z.object({ menteeId: z.string(), name: z.string(), blockedAt: z.date() }))
  .mutation(async ({ ctx, input }) => {
    const { prisma, logger } = ctx.services;
    const booking = await prisma.booking.findFirst({
      where: { id: input.bookingId, session: { mentorId: ctx.user.id } },
      select: { menteeId: true, mentee: { select: { name: true } } },
    });
    if (!booking) throw new AppError("NOT_FOUND");
    const row = await prisma.mentorBlock.upsert({
      where: { mentorId_menteeId: { mentorId: ctx.user.id, menteeId: booking.menteeId } },
      create: { mentorId: ctx.user.id, menteeId: booking.menteeId, bookingId: input.bookingId },
      update: {},
    });
    logger.info(
      { requestId: ctx.requestId, mentorId: ctx.user.id, menteeId: booking.menteeId },
      "mentee blocked",
    );
    return { menteeId: row.menteeId, name: booking.mentee.name, blockedAt: row.createdAt };
  });
