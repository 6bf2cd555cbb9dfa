import type { AppServices } from "../app/types.ts";
import { pgErrorCode } from "../db/pg-error.ts";
import { AppError } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { bookingMoved } from "./events.ts";
import { liveBookingStatuses } from "./snapshot.ts";

/**
 * The mentor moves a session (agreed with its participants) to a new start: same length, same
 * price, no new payment. Every live booking's scheduleVersion goes up, so reminders scheduled
 * for the old time skip themselves and new ones are scheduled.
 */
export async function rescheduleSession(
  services: AppServices,
  input: { sessionId: string; mentorId: string; startsAt: Date },
  now = new Date(),
): Promise<void> {
  const session = await services.prisma.mentoringSession.findUnique({
    where: { id: input.sessionId },
  });
  if (!session || session.mentorId !== input.mentorId) throw new AppError("NOT_FOUND");
  if (session.status !== "SCHEDULED" || session.startsAt.getTime() <= now.getTime()) {
    throw new AppError("BOOKING_NOT_CANCELLABLE");
  }
  if (input.startsAt.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", { field: "startsAt" });
  }
  const shift = input.startsAt.getTime() - session.startsAt.getTime();
  try {
    await services.prisma.$transaction(async (tx) => {
      const moved = await tx.mentoringSession.updateMany({
        where: { id: session.id, status: "SCHEDULED", startsAt: session.startsAt },
        data: {
          startsAt: input.startsAt,
          endsAt: new Date(session.endsAt.getTime() + shift),
          blockedUntil: new Date(session.blockedUntil.getTime() + shift),
        },
      });
      if (moved.count === 0) throw new AppError("BOOKING_NOT_CANCELLABLE");
      await tx.booking.updateMany({
        where: { sessionId: session.id, status: { in: [...liveBookingStatuses] } },
        data: { scheduleVersion: { increment: 1 } },
      });
      const live = await tx.booking.findMany({
        where: { sessionId: session.id, status: { in: [...liveBookingStatuses] } },
      });
      // Its subscribers tell the participants, re-plan reminders and the video room.
      for (const booking of live) {
        await recordEvent(
          services,
          tx,
          bookingMoved.of(
            {
              bookingId: booking.id,
              sessionId: session.id,
              status: booking.status,
              scheduleVersion: booking.scheduleVersion,
              startsAt: input.startsAt.toISOString(),
              previousStartsAt: session.startsAt.toISOString(),
              previousEndsAt: session.endsAt.toISOString(),
            },
            now,
          ),
        );
      }
    });
  } catch (error) {
    if (pgErrorCode(error) === "23P01") throw new AppError("SLOT_TAKEN");
    throw error;
  }
}
