import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";

/** Mentors the viewer has had a confirmed or completed session with, most recent first. */
export const previousMentors = authedProcedure
  .output(
    z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        headline: z.string().nullable(),
        avatarVersion: z.string().nullable(),
        lastSessionAt: z.date(),
      }),
    ),
  )
  .query(async ({ ctx }) => {
    const sessions = await ctx.services.prisma.mentoringSession.findMany({
      where: {
        startsAt: { lt: new Date() },
        bookings: { some: { menteeId: ctx.user.id, status: { in: ["CONFIRMED", "COMPLETED"] } } },
      },
      orderBy: { startsAt: "desc" },
      distinct: ["mentorId"],
      take: 50,
      select: {
        startsAt: true,
        mentor: { select: { id: true, name: true, headline: true, avatarVersion: true } },
      },
    });
    return sessions.map(({ mentor, startsAt }) => ({ ...mentor, lastSessionAt: startsAt }));
  });
