import { z } from "zod";
import { adminProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput } from "../../trpc/pagination.ts";

export const adminUsageInput = z
  .object({
    ...pageInput(),
  })
  .strict();

export const adminUsageOutput = z.object({
  /** Billed participant-minutes per calendar month (UTC), newest first, last 12 with usage. */
  months: z.array(
    z.object({
      month: z.string(),
      participantMinutes: z.number().int(),
      sessions: z.number().int(),
    }),
  ),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      title: z.string(),
      mentorName: z.string(),
      startsAt: z.date(),
      roomType: z.string(),
      provider: z.string(),
      participantMinutes: z.number().int(),
      verdict: z.enum(["ATTENDED", "MENTOR_NO_SHOW", "MENTEE_NO_SHOW", "NO_ATTENDANCE"]).nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/**
 * Twilio bills rooms per participant-minute, each connection rounded up to the minute: what
 * the callbacks recorded, per session (newest first, cursor pages) and per month.
 */
export const adminVideoUsage = adminProcedure
  .input(adminUsageInput)
  .output(adminUsageOutput)
  .query(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    const months = await prisma.$queryRaw<{ month: string; minutes: number; sessions: number }[]>`
      SELECT to_char(date_trunc('month', "connectedAt"), 'YYYY-MM') AS month,
             SUM(CEIL(COALESCE("durationSeconds",
               EXTRACT(EPOCH FROM ("disconnectedAt" - "connectedAt")))::numeric / 60))::int AS minutes,
             COUNT(DISTINCT "sessionId")::int AS sessions
      FROM video_connection
      WHERE "disconnectedAt" IS NOT NULL
      GROUP BY 1 ORDER BY 1 DESC LIMIT 12`;
    const rooms = await prisma.videoRoom.findMany({
      orderBy: [{ session: { startsAt: "desc" } }, { id: "desc" }],
      ...pageArgs(input),
      include: {
        session: {
          select: {
            startsAt: true,
            offering: { select: { title: true } },
            mentor: { select: { name: true } },
          },
        },
      },
    });
    const { items: page, nextCursor } = cursorPage(rooms, input.limit);
    const minutes = await prisma.videoConnection.findMany({
      where: { sessionId: { in: page.map((r) => r.sessionId) }, disconnectedAt: { not: null } },
      select: { sessionId: true, connectedAt: true, disconnectedAt: true, durationSeconds: true },
    });
    const minutesOf = (sessionId: string) =>
      minutes
        .filter((c) => c.sessionId === sessionId)
        .reduce((sum, c) => sum + billedMinutes(c), 0);
    return {
      months: months.map((m) => ({
        month: m.month,
        participantMinutes: m.minutes,
        sessions: m.sessions,
      })),
      sessions: page.map((room) => ({
        sessionId: room.sessionId,
        title: room.session.offering.title,
        mentorName: room.session.mentor.name,
        startsAt: room.session.startsAt,
        roomType: room.type,
        provider: room.provider,
        participantMinutes: minutesOf(room.sessionId),
        verdict: room.verdict,
      })),
      nextCursor,
    };
  });

/** One connection's billed minutes: its duration rounded up to the minute. */
export function billedMinutes(connection: {
  connectedAt: Date;
  disconnectedAt: Date | null;
  durationSeconds: number | null;
}): number {
  const seconds =
    connection.durationSeconds ??
    ((connection.disconnectedAt?.getTime() ?? connection.connectedAt.getTime()) -
      connection.connectedAt.getTime()) /
      1000;
  return Math.ceil(seconds / 60);
}
