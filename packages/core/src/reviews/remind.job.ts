import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { recordEvent } from "../events/index.ts";
import { defineHandler, enqueue } from "../jobs/define.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import { reviewReminderDue } from "./events.ts";
import { reviewReminderDelayMs } from "./policy.ts";
import { reviewReminderQueue } from "./remind.queue.ts";
import { bookingsOpenForReview } from "./review-service.ts";

/**
 * Plans the "rate your session" reminder of an attended session, in the transaction that
 * records its attendance (wired in app/subscriptions.ts). One job per session.
 */
export async function planReviewReminder(
  services: Pick<AppServices, "boss">,
  tx: Prisma.TransactionClient,
  sessionId: string,
): Promise<void> {
  const session = await tx.mentoringSession.findUnique({
    where: { id: sessionId },
    select: { endsAt: true },
  });
  if (!session) return;
  await enqueue(
    services.boss,
    reviewReminderQueue,
    { sessionId },
    {
      db: fromPrisma(tx),
      id: deterministicJobId(reviewReminderQueue.name, sessionId),
      startAfter: new Date(session.endsAt.getTime() + reviewReminderDelayMs),
    },
  );
}

/**
 * Records `review.reminder-due` for each participant who may still review the session (attended,
 * not reviewed, window open); notifications turns it into the reminder (in the app and the
 * digest e-mail). The event's key is the booking: a retried job reminds nobody twice. The
 * session's bookings are checked together and their events recorded in one transaction
 * (decision 073).
 */
export const reviewReminderJob = defineHandler(
  reviewReminderQueue,
  async ({ sessionId }, services: AppServices) => {
    const due = await bookingsOpenForReview(services, sessionId);
    if (due.length === 0) return;
    await services.prisma.$transaction(async (tx) => {
      for (const booking of due) {
        await recordEvent(
          services,
          tx,
          reviewReminderDue.of({
            bookingId: booking.id,
            menteeId: booking.menteeId,
            title: booking.offeringTitle,
          }),
        );
      }
    });
  },
);
