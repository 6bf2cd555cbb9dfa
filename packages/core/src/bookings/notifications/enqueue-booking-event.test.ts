import type { JobWithMetadata } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { createBookingFixture } from "../testing/booking-fixture.ts";
import { createNotificationTestApp } from "../testing/notification-app.ts";
import { bookingNotifyQueue } from "./booking-notify.queue.ts";
import { type BookingReminder, bookingReminderQueue } from "./booking-reminder.queue.ts";
import { type BookingEventInput, enqueueBookingEvent } from "./enqueue-booking-event.ts";

const HOUR = 3_600_000;
let app: App;

beforeAll(async () => {
  app = await createNotificationTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function jobsFor(queue: string, bookingId: string) {
  const jobs = await app.boss.findJobs<{ bookingId: string }>(queue, { data: { bookingId } });
  return jobs;
}

async function remindersFor(bookingId: string) {
  const jobs = (await jobsFor(
    bookingReminderQueue.name,
    bookingId,
  )) as JobWithMetadata<BookingReminder>[];
  return jobs.map((job) => ({
    kind: job.data.kind,
    startAfter: job.startAfter,
    version: job.data.scheduleVersion,
  }));
}

/** A confirmed booking `hours` ahead, with its event enqueued in a transaction. */
async function bookAndEnqueue(
  hours: number,
  event: BookingEventInput["event"] = "confirmed",
  status: "CONFIRMED" | "PENDING_PAYMENT" | "CANCELLED" = "CONFIRMED",
) {
  const now = new Date();
  const startsAt = new Date(now.getTime() + hours * HOUR);
  const { booking } = await createBookingFixture(app.prisma, { startsAt, status });
  await app.prisma.$transaction((tx) =>
    enqueueBookingEvent(app, tx, { booking, startsAt, event }, now),
  );
  return { booking, startsAt };
}

describe("enqueueBookingEvent", () => {
  it("plans both reminders for a booking 3 days out, at 24 h and 1 h before", async () => {
    const { booking, startsAt } = await bookAndEnqueue(72);
    const reminders = await remindersFor(booking.id);
    expect(reminders.sort((a, b) => a.startAfter.getTime() - b.startAfter.getTime())).toEqual([
      { kind: "24h", startAfter: new Date(startsAt.getTime() - 24 * HOUR), version: 1 },
      { kind: "1h", startAfter: new Date(startsAt.getTime() - HOUR), version: 1 },
    ]);
    const [notify] = await jobsFor(bookingNotifyQueue.name, booking.id);
    expect(notify?.data).toEqual({ bookingId: booking.id, event: "confirmed", scheduleVersion: 1 });
  });

  it("plans only the 1 h reminder for a booking 5 hours out", async () => {
    const { booking, startsAt } = await bookAndEnqueue(5);
    expect(await remindersFor(booking.id)).toEqual([
      { kind: "1h", startAfter: new Date(startsAt.getTime() - HOUR), version: 1 },
    ]);
  });

  it("plans no reminder for a booking 30 minutes out, but still notifies", async () => {
    const { booking } = await bookAndEnqueue(0.5);
    expect(await remindersFor(booking.id)).toEqual([]);
    expect(await jobsFor(bookingNotifyQueue.name, booking.id)).toHaveLength(1);
  });

  it("plans no reminder for a cancellation or for a booking that is not confirmed", async () => {
    const cancelled = await bookAndEnqueue(72, "cancelled", "CANCELLED");
    const pending = await bookAndEnqueue(72, "confirmed", "PENDING_PAYMENT");
    expect(await remindersFor(cancelled.booking.id)).toEqual([]);
    expect(await remindersFor(pending.booking.id)).toEqual([]);
  });

  it("enqueues nothing when the caller's transaction rolls back", async () => {
    const startsAt = new Date(Date.now() + 72 * HOUR);
    const { booking } = await createBookingFixture(app.prisma, { startsAt });
    await expect(
      app.prisma.$transaction(async (tx) => {
        await enqueueBookingEvent(app, tx, { booking, startsAt, event: "confirmed" }, new Date());
        throw new Error("the booking change failed");
      }),
    ).rejects.toThrow("the booking change failed");
    expect(await jobsFor(bookingNotifyQueue.name, booking.id)).toEqual([]);
    expect(await remindersFor(booking.id)).toEqual([]);
  });

  it("adds nothing when called twice for the same event and version", async () => {
    const { booking, startsAt } = await bookAndEnqueue(72);
    await app.prisma.$transaction((tx) =>
      enqueueBookingEvent(app, tx, { booking, startsAt, event: "confirmed" }, new Date()),
    );
    expect(await jobsFor(bookingNotifyQueue.name, booking.id)).toHaveLength(1);
    expect(await remindersFor(booking.id)).toHaveLength(2);
  });

  it("a move plans new reminders under the new version and says where it was", async () => {
    const now = new Date();
    const startsAt = new Date(now.getTime() + 48 * HOUR);
    const { booking, session } = await createBookingFixture(app.prisma, { startsAt });
    const moved = { ...booking, scheduleVersion: 2 };
    await app.prisma.$transaction((tx) =>
      enqueueBookingEvent(
        app,
        tx,
        {
          booking: moved,
          startsAt,
          event: "rescheduled",
          previous: { startsAt: session.startsAt, endsAt: session.endsAt },
        },
        now,
      ),
    );
    expect((await remindersFor(booking.id)).map((reminder) => reminder.version)).toEqual([2, 2]);
    const [notify] = await jobsFor(bookingNotifyQueue.name, booking.id);
    expect(notify?.data).toMatchObject({
      event: "rescheduled",
      scheduleVersion: 2,
      previous: { startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() },
    });
  });
});
