import { z } from "zod";
import { adminProcedure } from "../../trpc/init.ts";

const reviewRow = z.object({
  sessionId: z.string(),
  title: z.string(),
  mentorName: z.string(),
  startsAt: z.date(),
  bookings: z.number().int(),
  currency: z.string().nullable(),
  paidMinor: z.number().int(),
  createdAt: z.date(),
});

/** Paid sessions nobody attended (NO_ATTENDANCE), waiting for an admin: release or refund. */
export const adminListAttendanceReviews = adminProcedure
  .output(z.array(reviewRow))
  .query(async ({ ctx }) => {
    const { prisma } = ctx.services;
    const reviews = await prisma.attendanceReview.findMany({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      take: 100,
    });
    const sessions = await prisma.mentoringSession.findMany({
      where: { id: { in: reviews.map((review) => review.sessionId) } },
      select: {
        id: true,
        startsAt: true,
        offering: { select: { title: true } },
        mentor: { select: { name: true } },
        bookings: { where: { status: "COMPLETED" }, select: { priceMinor: true, currency: true } },
      },
    });
    return reviews.flatMap((review) => {
      const session = sessions.find((candidate) => candidate.id === review.sessionId);
      if (!session) return [];
      return [
        {
          sessionId: session.id,
          title: session.offering.title,
          mentorName: session.mentor.name,
          startsAt: session.startsAt,
          bookings: session.bookings.length,
          currency: session.bookings[0]?.currency ?? null,
          paidMinor: session.bookings.reduce((sum, booking) => sum + booking.priceMinor, 0),
          createdAt: review.createdAt,
        },
      ];
    });
  });
