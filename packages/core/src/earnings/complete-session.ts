import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { recordEvent } from "../events/index.ts";
import { enqueue } from "../jobs/define.ts";
import { sessionCompleted } from "./events.ts";
import { releaseEarningsQueue } from "./release-earnings.queue.ts";

export interface CompleteSessionOptions {
  /** Why: "ended" (its end passed, no video verdict), or "attendance:<VERDICT>" from the video room. */
  reason: string;
  now?: Date;
}

/**
 * The one way a session becomes COMPLETED: guarded SCHEDULED → COMPLETED, its confirmed bookings
 * → COMPLETED, and for each paid one an `earnings.release` job after EARNINGS_HOLD_HOURS, in the
 * caller's transaction. A session already completed or cancelled changes nothing. A paid
 * session nobody attended (NO_ATTENDANCE) gets an attendance review instead of release jobs.
 */
export async function completeSession(
  services: AppServices,
  tx: Prisma.TransactionClient,
  sessionId: string,
  options: CompleteSessionOptions,
): Promise<{ completed: boolean; bookingIds: string[] }> {
  const now = options.now ?? new Date();
  const { count } = await tx.mentoringSession.updateMany({
    where: { id: sessionId, status: "SCHEDULED" },
    data: { status: "COMPLETED" },
  });
  if (count === 0) return { completed: false, bookingIds: [] };
  await tx.sessionCompletion.create({
    data: { sessionId, reason: options.reason, completedAt: now },
  });
  const bookings = await tx.booking.findMany({
    where: { sessionId, status: "CONFIRMED" },
    select: { id: true, priceMinor: true },
  });
  await tx.booking.updateMany({
    where: { id: { in: bookings.map((booking) => booking.id) }, status: "CONFIRMED" },
    data: { status: "COMPLETED" },
  });
  await recordEvent(
    services,
    tx,
    sessionCompleted.of(
      { sessionId, reason: options.reason, bookingIds: bookings.map((booking) => booking.id) },
      now,
    ),
  );
  // Nobody joined the call: whether the session happened is an admin's call (release or
  // refund, on /admin/disputes); nothing is released until then.
  if (options.reason === "attendance:NO_ATTENDANCE" && bookings.some((b) => b.priceMinor > 0)) {
    await tx.attendanceReview.create({ data: { sessionId } });
    return { completed: true, bookingIds: bookings.map((booking) => booking.id) };
  }
  const releaseAt = new Date(now.getTime() + services.config.payouts.earningsHoldHours * 3_600_000);
  for (const booking of bookings) {
    if (booking.priceMinor <= 0) continue;
    await enqueue(
      services.boss,
      releaseEarningsQueue,
      { bookingId: booking.id },
      { db: fromPrisma(tx), startAfter: releaseAt },
    );
  }
  return { completed: true, bookingIds: bookings.map((booking) => booking.id) };
}
