import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { liveBookingStatuses } from "../snapshot.ts";

const DAY_MS = 86_400_000;

export const listSessionsInput = z
  .object({ from: z.coerce.date(), to: z.coerce.date() })
  .strict()
  .refine((range) => range.to > range.from, { message: "to must be after from", path: ["to"] })
  .refine((range) => range.to.getTime() - range.from.getTime() <= 42 * DAY_MS, {
    message: "at most 42 days",
    path: ["to"],
  });

const sessionOutput = z.object({
  id: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  status: z.enum(["SCHEDULED", "CANCELLED", "COMPLETED"]),
  offeringTitle: z.string(),
  kind: z.enum(["ONE_TO_ONE", "GROUP"]),
  capacity: z.number().int(),
  participants: z.array(
    z.object({
      bookingId: z.string(),
      menteeId: z.string(),
      name: z.string(),
      status: z.enum(["PENDING_PAYMENT", "CONFIRMED", "COMPLETED", "CANCELLED", "EXPIRED"]),
      note: z.string().nullable(),
    }),
  ),
});

/** The mentor's sessions overlapping a range (the week calendar), with their live participants. */
export const listSessions = mentorProcedure
  .input(listSessionsInput)
  .output(z.array(sessionOutput))
  .query(async ({ ctx, input }) => {
    const sessions = await ctx.services.prisma.mentoringSession.findMany({
      where: {
        mentorId: ctx.user.id,
        status: { in: ["SCHEDULED", "COMPLETED"] },
        startsAt: { lt: input.to },
        endsAt: { gt: input.from },
      },
      orderBy: { startsAt: "asc" },
      include: {
        offering: { select: { title: true, kind: true } },
        bookings: {
          where: { status: { in: [...liveBookingStatuses, "COMPLETED"] } },
          orderBy: { createdAt: "asc" },
          include: { mentee: { select: { name: true } } },
        },
      },
    });
    return sessions.map((session) => ({
      id: session.id,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      status: session.status,
      offeringTitle: session.offering.title,
      kind: session.offering.kind,
      capacity: session.capacity,
      participants: session.bookings.map((booking) => ({
        bookingId: booking.id,
        menteeId: booking.menteeId,
        name: booking.mentee.name,
        status: booking.status,
        note: booking.note,
      })),
    }));
  });
