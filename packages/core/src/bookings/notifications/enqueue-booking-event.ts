import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../../app/types.ts";
import { enqueue } from "../../jobs/define.ts";
import { deterministicJobId } from "../../jobs/deterministic-job-id.ts";
import { type BookingEventName, bookingNotifyQueue } from "./booking-notify.queue.ts";
import { bookingReminderQueue } from "./booking-reminder.queue.ts";

const HOUR = 60 * 60_000;
const reminderOffsets = [
  { kind: "24h", ms: 24 * HOUR },
  { kind: "1h", ms: HOUR },
] as const;

export interface BookingEventInput {
  booking: { id: string; status: string; scheduleVersion: number };
  startsAt: Date;
  event: BookingEventName;
  /** For "rescheduled": the old time, so the email can say what changed. */
  previous?: { startsAt: Date; endsAt: Date } | undefined;
}

/**
 * Call inside the transaction that changed the booking, so the notification exists exactly when
 * the change does (the booking.* event subscribers do). Sends `booking.notify`; for a confirmed
 * booking that was confirmed or moved, also plans the 24 h and 1 h reminders that are still
 * ahead (video plans its room from the same events). Job ids are deterministic, so a repeated
 * call within pg-boss's retention adds nothing.
 */
export async function enqueueBookingEvent(
  services: Pick<AppServices, "boss" | "config">,
  tx: Prisma.TransactionClient,
  input: BookingEventInput,
  now: Date,
): Promise<void> {
  const { booking, event } = input;
  const { boss } = services;
  const db = fromPrisma(tx);
  await enqueue(
    boss,
    bookingNotifyQueue,
    {
      bookingId: booking.id,
      event,
      scheduleVersion: booking.scheduleVersion,
      ...(input.previous && {
        previous: {
          startsAt: input.previous.startsAt.toISOString(),
          endsAt: input.previous.endsAt.toISOString(),
        },
      }),
    },
    {
      db,
      id: deterministicJobId(bookingNotifyQueue.name, booking.id, event, booking.scheduleVersion),
    },
  );

  if (booking.status !== "CONFIRMED" || event === "cancelled") return;
  for (const { kind, ms } of reminderOffsets) {
    const startAfter = new Date(input.startsAt.getTime() - ms);
    if (startAfter <= now) continue;
    await enqueue(
      boss,
      bookingReminderQueue,
      { bookingId: booking.id, kind, scheduleVersion: booking.scheduleVersion },
      {
        db,
        startAfter,
        id: deterministicJobId(
          bookingReminderQueue.name,
          booking.id,
          kind,
          booking.scheduleVersion,
        ),
      },
    );
  }
}

/** enqueueBookingEvent from a booking.* event's payload; `now` is when the event occurred. */
export function notifyBookingEvent(
  services: Pick<AppServices, "boss" | "config">,
  tx: Prisma.TransactionClient,
  event: BookingEventName,
  data: {
    bookingId: string;
    status: string;
    scheduleVersion: number;
    startsAt: string;
    previousStartsAt?: string;
    previousEndsAt?: string;
  },
  now: Date,
): Promise<void> {
  return enqueueBookingEvent(
    services,
    tx,
    {
      booking: { id: data.bookingId, status: data.status, scheduleVersion: data.scheduleVersion },
      startsAt: new Date(data.startsAt),
      event,
      previous:
        data.previousStartsAt && data.previousEndsAt
          ? { startsAt: new Date(data.previousStartsAt), endsAt: new Date(data.previousEndsAt) }
          : undefined,
    },
    now,
  );
}
