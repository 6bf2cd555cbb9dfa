import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { deliverQueuedEmails } from "../../testing/index.ts";
import { createBookingFixture } from "../testing/booking-fixture.ts";
import { createNotificationTestApp, icsOf, queuedEmails } from "../testing/notification-app.ts";
import { bookingNotifyJob } from "./booking-notify.job.ts";
import type { BookingNotification } from "./booking-notify.queue.ts";

let app: App;

beforeAll(async () => {
  app = await createNotificationTestApp();
});
afterAll(async () => {
  await app?.close();
});

// A fixed winter date: the timezone names below are the standard-time ones.
const winterStart = () => new Date("2031-01-15T15:00:00Z");

function notify(data: BookingNotification) {
  return bookingNotifyJob.handle(bookingNotifyJob.schema.parse(data), app, { jobId: "test" });
}

function parseIcs(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return {
    method: calendar.getFirstPropertyValue("method"),
    status: vevent.getFirstPropertyValue("status"),
    event: new ICAL.Event(vevent),
  };
}

describe("bookingNotifyJob", () => {
  it("emails the mentee and the mentor, each with a calendar invitation (REQUEST)", async () => {
    const fixture = await createBookingFixture(app.prisma, {
      startsAt: winterStart(),
      mentor: { name: "Zoë Durand", locale: "fr", timezone: "Europe/Paris" },
      mentee: { name: "Ada", timezone: "America/New_York" },
    });
    const { booking, mentee, mentor } = fixture;
    await notify({ bookingId: booking.id, event: "confirmed", scheduleVersion: 1 });

    const emails = await queuedEmails(app, mentee.email, mentor.email);
    expect(emails).toHaveLength(2);
    const toMentee = emails.find((job) => job.data.to === mentee.email)!;
    const toMentor = emails.find((job) => job.data.to === mentor.email)!;
    expect(toMentee.data.subject).toBe("Booking confirmed: CV review with Zoë Durand");
    expect(toMentor.data.subject).toBe("Nouvelle réservation\u00a0: CV review avec Ada");
    expect(toMentee.data.text).toContain(`http://localhost:3000/bookings/${booking.id}`);
    expect(toMentee.data.text).toContain("Eastern Standard Time");
    expect(toMentor.data.text).toContain("heure normale d’Europe centrale");

    for (const job of [toMentee, toMentor]) {
      const attachment = job.data.attachments?.[0];
      expect(attachment?.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
      const { method, status, event } = parseIcs(icsOf(job));
      expect(method).toBe("REQUEST");
      expect(status).toBe("CONFIRMED");
      expect(event.uid).toBe(`booking-${booking.id}@mentora`);
      expect(event.sequence).toBe(1);
      expect(event.startDate.toJSDate()).toEqual(fixture.session.startsAt);
    }
    expect(parseIcs(icsOf(toMentee)).event.summary).toBe("CV review with Zoë Durand");
    expect(parseIcs(icsOf(toMentor)).event.summary).toBe("CV review avec Ada");
  });

  it("enqueues no duplicate emails when the job runs again (retry)", async () => {
    const { booking, mentee, mentor } = await createBookingFixture(app.prisma, {
      startsAt: winterStart(),
    });
    const data = { bookingId: booking.id, event: "confirmed", scheduleVersion: 1 } as const;
    await notify(data);
    await notify(data);
    expect(await queuedEmails(app, mentee.email, mentor.email)).toHaveLength(2);

    // Still none after the first ones were delivered and completed.
    await deliverQueuedEmails(app);
    await notify(data);
    expect(await queuedEmails(app, mentee.email, mentor.email)).toHaveLength(2);
    const outbox = await app.prisma.outboxEmail.findMany({ where: { to: mentee.email } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.text).toContain(`mentora-booking-${booking.id}.ics`);
  });

  it("sends a CANCEL with the same UID, saying who cancelled and why", async () => {
    const { booking, mentee, mentor } = await createBookingFixture(app.prisma, {
      startsAt: winterStart(),
      status: "CANCELLED",
      scheduleVersion: 3,
    });
    await app.prisma.booking.update({
      where: { id: booking.id },
      data: { cancelledBy: "MENTOR", cancelReason: "Ill, sorry", cancelledAt: new Date() },
    });
    await notify({ bookingId: booking.id, event: "cancelled", scheduleVersion: 3 });

    const emails = await queuedEmails(app, mentee.email, mentor.email);
    expect(emails).toHaveLength(2);
    const toMentee = emails.find((job) => job.data.to === mentee.email)!;
    const toMentor = emails.find((job) => job.data.to === mentor.email)!;
    expect(toMentee.data.text).toContain("Grace Mentor cancelled “CV review”.");
    expect(toMentee.data.text).toContain("Reason given: Ill, sorry");
    expect(toMentor.data.text).toContain("You cancelled “CV review” with Ada Mentee.");
    const { method, status, event } = parseIcs(icsOf(toMentee));
    expect([method, status, event.uid, event.sequence]).toEqual([
      "CANCEL",
      "CANCELLED",
      `booking-${booking.id}@mentora`,
      3,
    ]);
  });

  it("sends the new time with a higher SEQUENCE and the old time in the text", async () => {
    const { booking, mentee } = await createBookingFixture(app.prisma, {
      startsAt: new Date("2031-01-10T15:00:00Z"),
      scheduleVersion: 2,
    });
    await notify({
      bookingId: booking.id,
      event: "rescheduled",
      scheduleVersion: 2,
      previous: { startsAt: "2031-01-09T15:00:00.000Z", endsAt: "2031-01-09T16:00:00.000Z" },
    });
    const [email] = await queuedEmails(app, mentee.email);
    expect(email?.data.text).toMatch(/Previously: Thursday, January 9, 2031, 3:00\s–\s4:00\sPM/);
    expect(email?.data.text).toMatch(/Now: Friday, January 10, 2031, 3:00\s–\s4:00\sPM/);
    const { method, event } = parseIcs(icsOf(email!));
    expect(method).toBe("REQUEST");
    expect(event.sequence).toBe(2);
  });

  it("sends nothing for an outdated version, a booking no longer confirmed, or none at all", async () => {
    const moved = await createBookingFixture(app.prisma, {
      startsAt: winterStart(),
      scheduleVersion: 3,
    });
    const cancelled = await createBookingFixture(app.prisma, {
      startsAt: winterStart(),
      status: "CANCELLED",
    });
    await notify({ bookingId: moved.booking.id, event: "rescheduled", scheduleVersion: 2 });
    await notify({ bookingId: cancelled.booking.id, event: "confirmed", scheduleVersion: 1 });
    await notify({ bookingId: "no-such-booking", event: "confirmed", scheduleVersion: 1 });
    expect(
      await queuedEmails(
        app,
        moved.mentee.email,
        moved.mentor.email,
        cancelled.mentee.email,
        cancelled.mentor.email,
      ),
    ).toEqual([]);
  });
});
