import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../../app/types.ts";
import { enqueue, type JobDefinition } from "../../jobs/define.ts";
import { scheduleVideoRoom } from "../../video/index.ts";
import { type BookingEventName, bookingNotifyJob } from "./booking-notify.job.ts";
import { bookingReminderJob } from "./booking-reminder.job.ts";
import { deterministicJobId } from "./deterministic-job-id.ts";

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
 * the change does. Sends `booking.notify`; for a confirmed booking that was confirmed or moved,
 * also plans the 24 h and 1 h reminders that are still ahead and the session's video room. Job ids are deterministic, so a
 * repeated call within pg-boss's retention adds nothing.
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
    bookingNotifyJob,
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
      id: deterministicJobId(bookingNotifyJob.name, booking.id, event, booking.scheduleVersion),
    },
  );

  if (booking.status !== "CONFIRMED" || event === "cancelled") return;
  await scheduleVideoRoom(services, tx, booking.id);
  for (const { kind, ms } of reminderOffsets) {
    const startAfter = new Date(input.startsAt.getTime() - ms);
    if (startAfter <= now) continue;
    await enqueue(
      boss,
      bookingReminderJob,
      { bookingId: booking.id, kind, scheduleVersion: booking.scheduleVersion },
      {
        db,
        startAfter,
        id: deterministicJobId(bookingReminderJob.name, booking.id, kind, booking.scheduleVersion),
      },
    );
  }
}

/** The queues this module adds; jobs/index.ts lists them for the worker. */
export const bookingJobDefinitions = [
  bookingNotifyJob,
  bookingReminderJob,
] as unknown as readonly JobDefinition[];
