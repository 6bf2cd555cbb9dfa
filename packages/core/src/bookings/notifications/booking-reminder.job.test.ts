import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { deliverQueuedEmails } from "../../testing/index.ts";
import { addParticipant, createBookingFixture } from "../testing/booking-fixture.ts";
import { createNotificationTestApp, queuedEmails } from "../testing/notification-app.ts";
import { bookingReminderJob } from "./booking-reminder.job.ts";
import type { BookingReminder } from "./booking-reminder.queue.ts";

let app: App;

beforeAll(async () => {
  app = await createNotificationTestApp();
});
afterAll(async () => {
  await app?.close();
});

const hoursAhead = (hours: number) => new Date(Date.now() + hours * 3_600_000);

function remind(data: BookingReminder) {
  return bookingReminderJob.handle(bookingReminderJob.schema.parse(data), app, { jobId: "test" });
}

function remindersOf(bookingId: string) {
  return app.prisma.bookingReminder.findMany({ where: { bookingId } });
}

describe("bookingReminderJob", () => {
  it("reminds the mentee and the mentor of a confirmed booking, and records it", async () => {
    const { booking, mentee, mentor } = await createBookingFixture(app.prisma, {
      startsAt: hoursAhead(24),
    });
    await remind({ bookingId: booking.id, kind: "24h", scheduleVersion: 1 });

    const emails = await queuedEmails(app, mentee.email, mentor.email);
    expect(emails.map((job) => job.data.to).sort()).toEqual([mentee.email, mentor.email].sort());
    expect(emails.map((job) => job.data.subject)).toContain(
      "Tomorrow: CV review with Grace Mentor",
    );
    expect(await remindersOf(booking.id)).toMatchObject([{ kind: "24h", scheduleVersion: 1 }]);
  });

  it("sends one email per recipient when the same reminder runs twice", async () => {
    const { booking, mentee, mentor } = await createBookingFixture(app.prisma, {
      startsAt: hoursAhead(1),
    });
    const data = { bookingId: booking.id, kind: "1h", scheduleVersion: 1 } as const;
    await remind(data);
    await deliverQueuedEmails(app);
    await remind(data);
    await deliverQueuedEmails(app);

    const outbox = await app.prisma.outboxEmail.findMany({
      where: { to: { in: [mentee.email, mentor.email] } },
    });
    expect(outbox).toHaveLength(2);
    expect(outbox.map((email) => email.subject)).toContain("In 1 hour: CV review with Ada Mentee");
  });

  it("sends nothing for a cancelled booking, a moved one, a started or cancelled session, or a day-before reminder in the last hour", async () => {
    const cancelled = await createBookingFixture(app.prisma, {
      startsAt: hoursAhead(24),
      status: "CANCELLED",
    });
    const moved = await createBookingFixture(app.prisma, {
      startsAt: hoursAhead(24),
      scheduleVersion: 2,
    });
    const started = await createBookingFixture(app.prisma, { startsAt: hoursAhead(-0.1) });
    const soon = await createBookingFixture(app.prisma, { startsAt: hoursAhead(0.5) });
    const cancelledSession = await createBookingFixture(app.prisma, { startsAt: hoursAhead(24) });
    await app.prisma.mentoringSession.update({
      where: { id: cancelledSession.session.id },
      data: { status: "CANCELLED" },
    });

    await remind({ bookingId: cancelled.booking.id, kind: "24h", scheduleVersion: 1 });
    await remind({ bookingId: moved.booking.id, kind: "24h", scheduleVersion: 1 });
    await remind({ bookingId: started.booking.id, kind: "1h", scheduleVersion: 1 });
    await remind({ bookingId: soon.booking.id, kind: "24h", scheduleVersion: 1 });
    await remind({ bookingId: cancelledSession.booking.id, kind: "24h", scheduleVersion: 1 });
    await remind({ bookingId: "no-such-booking", kind: "24h", scheduleVersion: 1 });

    for (const fixture of [cancelled, moved, started, soon, cancelledSession]) {
      expect(await queuedEmails(app, fixture.mentee.email, fixture.mentor.email)).toEqual([]);
      expect(await remindersOf(fixture.booking.id)).toEqual([]);
    }
  });

  it("reminds the moved booking under its new version", async () => {
    const { booking, mentee } = await createBookingFixture(app.prisma, {
      startsAt: hoursAhead(24),
      scheduleVersion: 2,
    });
    await remind({ bookingId: booking.id, kind: "24h", scheduleVersion: 2 });
    expect(await queuedEmails(app, mentee.email)).toHaveLength(1);
  });

  it("reminds a group session's mentor once, through its first booking", async () => {
    const fixture = await createBookingFixture(app.prisma, {
      startsAt: hoursAhead(24),
      capacity: 5,
    });
    const second = await addParticipant(app.prisma, fixture, { name: "Bob" });

    await remind({ bookingId: second.booking.id, kind: "24h", scheduleVersion: 1 });
    await remind({ bookingId: fixture.booking.id, kind: "24h", scheduleVersion: 1 });

    const emails = await queuedEmails(
      app,
      fixture.mentee.email,
      second.mentee.email,
      fixture.mentor.email,
    );
    expect(emails.map((job) => job.data.to).sort()).toEqual(
      [fixture.mentee.email, second.mentee.email, fixture.mentor.email].sort(),
    );
  });
});
