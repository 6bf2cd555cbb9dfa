import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { defineHandler, enqueue } from "../jobs/define.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import { notify } from "./notify.ts";
import { sessionStartingQueue } from "./session-starting.queue.ts";

/** How long before the start "your session starts" is said (issue #15). */
export const sessionStartingLeadMs = 10 * 60_000;

/**
 * Plans "starts in 10 minutes" for a booking at its current time, in the caller's transaction.
 * One job per booking and scheduleVersion: a move plans a new one and the old one skips itself.
 */
export async function planSessionStarting(
  services: Pick<AppServices, "boss">,
  tx: Prisma.TransactionClient,
  booking: { bookingId: string; scheduleVersion: number; startsAt: Date },
): Promise<void> {
  await enqueue(
    services.boss,
    sessionStartingQueue,
    { bookingId: booking.bookingId, scheduleVersion: booking.scheduleVersion },
    {
      db: fromPrisma(tx),
      id: deterministicJobId(sessionStartingQueue.name, booking.bookingId, booking.scheduleVersion),
      startAfter: new Date(booking.startsAt.getTime() - sessionStartingLeadMs),
    },
  );
}

/**
 * Tells the mentee and the mentor, with the call's link, unless the booking was cancelled, moved
 * since (another job has the new time) or its session already began. The mentor hears once per
 * session (a group has one booking per participant): their dedupe key is the session's.
 */
export const sessionStartingJob = defineHandler(
  sessionStartingQueue,
  async (data, services: AppServices) => {
    const now = new Date();
    await services.prisma.$transaction(async (tx) => {
      const booking = await tx.booking.findUnique({
        where: { id: data.bookingId },
        select: {
          id: true,
          status: true,
          scheduleVersion: true,
          offeringTitle: true,
          menteeId: true,
          session: { select: { id: true, mentorId: true, startsAt: true, status: true } },
        },
      });
      const stale =
        booking?.status !== "CONFIRMED" ||
        booking.scheduleVersion !== data.scheduleVersion ||
        booking.session.status !== "SCHEDULED" ||
        booking.session.startsAt <= now;
      if (!booking || stale) {
        services.logger.debug(data, "session-starting notification skipped");
        return;
      }
      const { session } = booking;
      const about = {
        path: `/sessions/${session.id}/call`,
        title: booking.offeringTitle,
        startsAt: session.startsAt.toISOString(),
        sessionId: session.id,
      };
      await notify(services, tx, {
        userIds: [booking.menteeId],
        kind: "SESSION_STARTING",
        subjectId: booking.id,
        data: about,
        dedupeKey: `session-starting:${booking.id}:${data.scheduleVersion}`,
        now,
      });
      await notify(services, tx, {
        userIds: [session.mentorId],
        kind: "SESSION_STARTING",
        subjectId: booking.id,
        data: about,
        dedupeKey: `session-starting:${session.id}:${about.startsAt}`,
        now,
      });
    });
  },
);
