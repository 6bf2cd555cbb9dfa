import type { Prisma } from "@mentora/db";
import { liveBookingStatuses } from "./snapshot.ts";

/**
 * A session with no live booking left no longer blocks the mentor's calendar. Guarded: only a
 * SCHEDULED session with zero live bookings changes, so a late or duplicate call does nothing.
 */
export async function releaseSessionIfEmpty(
  tx: Prisma.TransactionClient,
  sessionId: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.mentoringSession.updateMany({
    where: {
      id: sessionId,
      status: "SCHEDULED",
      bookings: { none: { status: { in: [...liveBookingStatuses] } } },
    },
    data: { status: "CANCELLED", cancelledAt: now, cancelReason: reason },
  });
  return count === 1;
}
