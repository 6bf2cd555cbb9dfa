import type { Prisma } from "@mentora/db";
import type { AppServices } from "../../app/types.ts";
import { type AuditActor, writeAudit } from "../../audit/index.ts";
import { cancelSessionInTransaction } from "../../bookings/index.ts";

/**
 * A mentor demoted to mentee, in the role change's transaction: the role alone already unlists
 * them (directory, mentor page, holds: publicMentorWhere and unbookableReason ask for a role that
 * is not MENTEE); here every session that has not started yet is cancelled through the mentor
 * cancellation path (every place refunded in full, refund jobs and e-mails enqueued in this same
 * transaction), and the whole is audited.
 */
export async function cancelFutureSessionsOfDemotedMentor(
  services: AppServices,
  tx: Prisma.TransactionClient,
  input: { mentorId: string; actor: AuditActor; now: Date },
): Promise<{ cancelledSessions: number; cancelledBookings: number }> {
  const sessions = await tx.mentoringSession.findMany({
    where: { mentorId: input.mentorId, status: "SCHEDULED", startsAt: { gt: input.now } },
    select: { id: true, mentorId: true, startsAt: true },
    orderBy: { startsAt: "asc" },
  });
  let cancelledBookings = 0;
  for (const session of sessions) {
    const result = await cancelSessionInTransaction(
      services,
      tx,
      session,
      {
        mentorId: input.mentorId,
        reason: "the mentor no longer mentors on this platform",
        byAdminId: input.actor.actorId ?? undefined,
      },
      input.now,
    );
    cancelledBookings += result.cancelledBookings;
  }
  await writeAudit(tx, input.actor, {
    action: "user.demote-mentor",
    targetType: "user",
    targetId: input.mentorId,
    details: {
      cancelledSessions: sessions.length,
      cancelledBookings,
      sessionIds: sessions.map((session) => session.id),
    },
  });
  return { cancelledSessions: sessions.length, cancelledBookings };
}
