import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { completeEndedSessionsQueue } from "./complete-ended-sessions.queue.ts";
import { completeSession } from "./complete-session.ts";

const batchSize = 200;

/**
 * A session with a video room is completed by the room's close job, with its attendance
 * verdict. Past this delay after its end without one (that job kept failing), it is completed
 * here as if it had no room, so no mentor waits forever for earnings.
 */
export const verdictWaitMs = 6 * 3_600_000;

/**
 * Every few minutes: completes the sessions whose end has passed and that were not cancelled,
 * except those whose video room still waits for its attendance verdict (verdictWaitMs). Each
 * session in its own transaction; running twice completes nothing twice.
 */
export const completeEndedSessionsJob = defineHandler(
  completeEndedSessionsQueue,
  async (_data, services: AppServices) => {
    await completeEndedSessions(services);
  },
);

export async function completeEndedSessions(
  services: AppServices,
  now = new Date(),
): Promise<{ completed: number }> {
  let completed = 0;
  for (;;) {
    const due = await services.prisma.mentoringSession.findMany({
      where: {
        status: "SCHEDULED",
        endsAt: { lte: now },
        OR: [
          { videoRoom: null },
          { videoRoom: { verdict: { not: null } } },
          { endsAt: { lte: new Date(now.getTime() - verdictWaitMs) } },
        ],
      },
      orderBy: { endsAt: "asc" },
      take: batchSize,
      select: { id: true },
    });
    for (const session of due) {
      const result = await services.prisma.$transaction((tx) =>
        completeSession(services, tx, session.id, { reason: "ended", now }),
      );
      if (result.completed) completed += 1;
    }
    if (due.length < batchSize) break;
  }
  if (completed > 0) services.logger.info({ completed }, "ended sessions completed");
  return { completed };
}
