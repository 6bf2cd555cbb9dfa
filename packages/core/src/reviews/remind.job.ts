import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { recordEvents } from "../events/index.ts";
import { defineHandler, enqueue } from "../jobs/define.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import { groupCommit } from "../jobs/group-commit.ts";
import { reviewReminderDue } from "./events.ts";
import { reviewReminderDelayMs } from "./policy.ts";
import { reviewReminderQueue } from "./remind.queue.ts";
import { type BookingOpenForReview, bookingsOpenForReview } from "./review-service.ts";

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
 * digest e-mail). The event's key is the booking: a retried job reminds nobody twice.
 */
export const reviewReminderJob = defineHandler(
  reviewReminderQueue,
  async ({ sessionId }, services: AppServices) => {
    const { check, remind } = remindersOf(services);
    const due = await check(sessionId);
    if (due.length > 0) await remind(due);
  },
);

/**
 * The reminder jobs in flight, group-committed (decision 073): their sessions are checked in one
 * read (bookingsOpenForReview) and the reminders they find recorded in one transaction, instead
 * of a read, a transaction and a statement per participant for each job. One set per database
 * client (per app).
 */
function remindersOf(services: AppServices) {
  let found = reminders.get(services.prisma);
  if (!found) {
    found = createReminders(services);
    reminders.set(services.prisma, found);
  }
  return found;
}

function createReminders(services: AppServices) {
  return {
    check: groupCommit((sessionIds: string[]) => bookingsOpenForReview(services, sessionIds), {
      shareDuplicates: true,
    }),
    remind: groupCommit(async (batches: BookingOpenForReview[][]) => {
      await services.prisma.$transaction((tx) =>
        recordEvents(
          services,
          tx,
          batches.flat().map((booking) =>
            reviewReminderDue.of({
              bookingId: booking.id,
              menteeId: booking.menteeId,
              title: booking.offeringTitle,
            }),
          ),
        ),
      );
      return new Map(batches.map((batch) => [batch, undefined]));
    }),
  };
}
const reminders = new WeakMap<AppServices["prisma"], ReturnType<typeof createReminders>>();
