import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBookingFixture } from "../testing/booking-fixture.ts";
import { bookingIcs } from "./booking-ics.ts";

const publicUrl = "https://app.mentora.test";
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

function parse(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe("bookingIcs", () => {
  it("gives the mentee a PUBLISH file of the booking, worded for them", async () => {
    const startsAt = new Date("2030-06-03T08:00:00Z");
    const fixture = await createBookingFixture(database.prisma, {
      startsAt,
      scheduleVersion: 2,
      title: "Revue de CV, entretien",
      mentor: { name: "Zoë Durand" },
      mentee: { locale: "fr" },
    });
    const file = await bookingIcs(
      database.prisma,
      fixture.booking.id,
      fixture.mentee.id,
      publicUrl,
    );
    expect(file?.filename).toBe(`mentora-booking-${fixture.booking.id}.ics`);
    expect(file?.contentType).toBe("text/calendar; charset=utf-8");

    const { calendar, vevent, event } = parse(file!.content);
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(event.uid).toBe(`booking-${fixture.booking.id}@mentora`);
    expect(event.sequence).toBe(2);
    expect(event.summary).toBe("Revue de CV, entretien avec Zoë Durand");
    expect(event.startDate.toJSDate()).toEqual(startsAt);
    expect(event.endDate.toJSDate()).toEqual(fixture.session.endsAt);
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevent.getFirstPropertyValue("url")).toBe(`${publicUrl}/bookings/${fixture.booking.id}`);
    expect(vevent.getFirstProperty("organizer")?.getFirstValue()).toBe(
      `mailto:${fixture.mentor.email}`,
    );
    expect(event.attendees.map((attendee) => attendee.getFirstValue())).toEqual([
      `mailto:${fixture.mentee.email}`,
    ]);
  });

  it("gives the mentor the same event, named after the mentee", async () => {
    const fixture = await createBookingFixture(database.prisma, {
      startsAt: new Date("2030-06-04T08:00:00Z"),
      mentee: { name: "Ada Lovelace" },
    });
    const file = await bookingIcs(
      database.prisma,
      fixture.booking.id,
      fixture.mentor.id,
      publicUrl,
    );
    const { event } = parse(file!.content);
    expect(event.summary).toBe("CV review with Ada Lovelace");
    expect(event.uid).toBe(`booking-${fixture.booking.id}@mentora`);
  });

  it("marks a cancelled booking CANCELLED and an unpaid one TENTATIVE", async () => {
    const cancelled = await createBookingFixture(database.prisma, {
      startsAt: new Date("2030-06-05T08:00:00Z"),
      status: "CANCELLED",
    });
    const pending = await createBookingFixture(database.prisma, {
      startsAt: new Date("2030-06-06T08:00:00Z"),
      status: "PENDING_PAYMENT",
    });
    const status = async (fixture: typeof cancelled) => {
      const file = await bookingIcs(
        database.prisma,
        fixture.booking.id,
        fixture.mentee.id,
        publicUrl,
      );
      return parse(file!.content).vevent.getFirstPropertyValue("status");
    };
    expect(await status(cancelled)).toBe("CANCELLED");
    expect(await status(pending)).toBe("TENTATIVE");
  });

  it("is null for a stranger, and for an unknown booking", async () => {
    const fixture = await createBookingFixture(database.prisma, {
      startsAt: new Date("2030-06-07T08:00:00Z"),
    });
    const other = await createBookingFixture(database.prisma, {
      startsAt: new Date("2030-06-08T08:00:00Z"),
    });
    expect(
      await bookingIcs(database.prisma, fixture.booking.id, other.mentee.id, publicUrl),
    ).toBeNull();
    expect(
      await bookingIcs(database.prisma, fixture.booking.id, other.mentor.id, publicUrl),
    ).toBeNull();
    expect(
      await bookingIcs(database.prisma, "no-such-booking", fixture.mentee.id, publicUrl),
    ).toBeNull();
  });
});
