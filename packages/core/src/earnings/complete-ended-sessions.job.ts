import { z } from "zod";
import type { AppServices } from "../app/types.ts";
import { defineJob } from "../jobs/define.ts";
import { completeSession } from "./complete-session.ts";

const batchSize = 200;

/**
 * Every few minutes: completes the sessions whose end has passed and that were not cancelled.
 * Each session in its own transaction; running twice completes nothing twice.
 */
export const completeEndedSessionsJob = defineJob({
  name: "earnings.complete-ended-sessions",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 60, policy: "singleton" },
  schedule: { cron: "*/5 * * * *" },
  async handle(_data, services) {
    await completeEndedSessions(services);
  },
});

export async function completeEndedSessions(
  services: AppServices,
  now = new Date(),
): Promise<{ completed: number }> {
  let completed = 0;
  for (;;) {
    const due = await services.prisma.mentoringSession.findMany({
      where: { status: "SCHEDULED", endsAt: { lte: now } },
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
