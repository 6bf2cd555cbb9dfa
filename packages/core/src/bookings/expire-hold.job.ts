import type { AppServices } from "../app/types.ts";
import { recordEvent } from "../events/index.ts";
import { defineHandler } from "../jobs/define.ts";
import { bookingExpired } from "./events.ts";
import { expireHoldQueue } from "./expire-hold.queue.ts";
import { releaseSessionIfEmpty } from "./release-session.ts";

/**
 * Releases an unpaid hold when its time is up. Guarded (PENDING_PAYMENT and expired only), so
 * a hold that was paid, cancelled or already expired is left alone, and a retry does nothing.
 */
export const expireHoldJob = defineHandler(
  expireHoldQueue,
  async ({ bookingId }, services: AppServices) => {
    await expireHold(services, bookingId, new Date());
  },
);

export async function expireHold(
  services: AppServices,
  bookingId: string,
  now: Date,
): Promise<boolean> {
  return services.prisma.$transaction(async (tx) => {
    const { count } = await tx.booking.updateMany({
      // An open checkout keeps the hold: its own expiry job releases both.
      where: {
        id: bookingId,
        status: "PENDING_PAYMENT",
        holdExpiresAt: { lte: now },
        payments: { none: { status: "PENDING" } },
      },
      data: { status: "EXPIRED" },
    });
    if (count === 0) return false;
    const { sessionId } = await tx.booking.findUniqueOrThrow({
      where: { id: bookingId },
      select: { sessionId: true },
    });
    await releaseSessionIfEmpty(tx, sessionId, "hold expired", now);
    await recordEvent(services, tx, bookingExpired.of({ bookingId, sessionId }, now));
    return true;
  });
}
