import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addParticipant, createBookingFixture } from "../../bookings/testing/booking-fixture.ts";
import { calendarFeed } from "./calendar-feed.ts";
import { feedUrl, revokeFeedToken, rotateFeedToken, subscribeLinks } from "./feed-token.ts";

const publicUrl = "https://app.mentora.test";
const now = new Date("2030-06-01T12:00:00Z");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

function feedOf(token: string) {
  return calendarFeed(database.prisma, token, { publicUrl, now });
}

function events(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  return calendar.getAllSubcomponents("vevent").map((vevent) => ({
    vevent,
    uid: vevent.getFirstPropertyValue("uid"),
    status: vevent.getFirstPropertyValue("status"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    summary: vevent.getFirstPropertyValue("summary"),
    location: vevent.getFirstPropertyValue("location"),
  }));
}

const hour = 3_600_000;
const day = 24 * hour;

describe("calendarFeed", () => {
  it("lists a mentee's sessions with the bookings' UIDs, the join link and no e-mail", async () => {
    const upcoming = await createBookingFixture(database.prisma, {
      startsAt: new Date(now.getTime() + 2 * day),
      scheduleVersion: 3,
      mentor: { name: "Grace Hopper" },
    });
    const { token } = await rotateFeedToken(database.prisma, upcoming.mentee.id);
    const feed = await feedOf(token);
    expect(feed?.contentType).toBe("text/calendar; charset=utf-8");
    const calendar = new ICAL.Component(ICAL.parse(feed!.content));
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Mentora sessions");
    const [event, ...others] = events(feed!.content);
    expect(others).toEqual([]);
    expect(event?.uid).toBe(`booking-${upcoming.booking.id}@mentora`);
    expect(event?.sequence).toBe(3);
    expect(event?.status).toBe("CONFIRMED");
    expect(event?.summary).toBe("CV review with Grace Hopper");
    expect(event?.location).toBe(`${publicUrl}/sessions/${upcoming.session.id}/call`);
    const icalEvent = new ICAL.Event(event!.vevent);
    expect(icalEvent.startDate.toJSDate()).toEqual(upcoming.session.startsAt);
    expect(icalEvent.endDate.toJSDate()).toEqual(upcoming.session.endsAt);
    expect(event?.vevent.getFirstPropertyValue("last-modified")).toBeTruthy();
    // A feed URL may end up shared: nobody's address is in it, not even the owner's.
    expect(feed!.content).not.toMatch(/mailto:|@mentora\.test/);
  });

  it("shows a cancellation as STATUS:CANCELLED with a higher SEQUENCE, and keeps 60 days", async () => {
    const cancelled = await createBookingFixture(database.prisma, {
      startsAt: new Date(now.getTime() + 3 * day),
      status: "CANCELLED",
    });
    const menteeId = cancelled.mentee.id;
    const sameMentee = async (startsAt: Date, status: "CONFIRMED" | "EXPIRED" | "COMPLETED") => {
      const other = await createBookingFixture(database.prisma, { startsAt, status });
      await database.prisma.booking.update({
        where: { id: other.booking.id },
        data: { menteeId },
      });
      return other;
    };
    const recent = await sameMentee(new Date(now.getTime() - 30 * day), "COMPLETED");
    const old = await sameMentee(new Date(now.getTime() - 61 * day), "COMPLETED");
    const expired = await sameMentee(new Date(now.getTime() + 4 * day), "EXPIRED");
    const { token } = await rotateFeedToken(database.prisma, menteeId);
    const list = events((await feedOf(token))!.content);
    const uids = list.map((event) => event.uid);
    expect(uids).toEqual([
      `booking-${recent.booking.id}@mentora`,
      `booking-${cancelled.booking.id}@mentora`,
    ]);
    expect(uids).not.toContain(`booking-${old.booking.id}@mentora`);
    expect(uids).not.toContain(`booking-${expired.booking.id}@mentora`);
    const cancelledEvent = list[1];
    expect(cancelledEvent?.status).toBe("CANCELLED");
    expect(cancelledEvent?.sequence).toBe(2);
    expect(cancelledEvent?.location).toBeNull();
  });

  it("gives the mentor the booking's UID, and one event per group session without names", async () => {
    const single = await createBookingFixture(database.prisma, {
      startsAt: new Date(now.getTime() + 5 * day),
      mentee: { name: "Ada Lovelace" },
    });
    const { token } = await rotateFeedToken(database.prisma, single.mentor.id);
    const [event] = events((await feedOf(token))!.content);
    expect(event?.uid).toBe(`booking-${single.booking.id}@mentora`);
    expect(event?.summary).toBe("CV review with Ada Lovelace");

    const group = await createBookingFixture(database.prisma, {
      startsAt: new Date(now.getTime() + 6 * day),
      capacity: 5,
      title: "Group review",
      mentee: { name: "Alan Turing" },
    });
    await addParticipant(database.prisma, group, { name: "Katherine Johnson" });
    const mentorToken = (await rotateFeedToken(database.prisma, group.mentor.id)).token;
    const list = events((await feedOf(mentorToken))!.content);
    expect(list.map((item) => item.uid)).toEqual([`session-${group.session.id}@mentora`]);
    expect(list[0]?.summary).toBe("Group review (group session, participants: 2)");
    expect((await feedOf(mentorToken))!.content).not.toMatch(/Alan|Katherine/);
  });

  it("answers null once the token is regenerated or revoked, and for a malformed one", async () => {
    const fixture = await createBookingFixture(database.prisma, {
      startsAt: new Date(now.getTime() + 7 * day),
    });
    const first = await rotateFeedToken(database.prisma, fixture.mentee.id);
    const second = await rotateFeedToken(database.prisma, fixture.mentee.id);
    expect(second.token).not.toBe(first.token);
    expect(await feedOf(first.token)).toBeNull();
    expect(await feedOf(second.token)).not.toBeNull();
    // Only the hash is stored.
    const row = await database.prisma.calendarFeedToken.findUnique({
      where: { userId: fixture.mentee.id },
    });
    expect(row?.tokenHash).not.toContain(second.token);
    await revokeFeedToken(database.prisma, fixture.mentee.id);
    expect(await feedOf(second.token)).toBeNull();
    expect(await feedOf("../../etc/passwd")).toBeNull();
    expect(await feedOf("")).toBeNull();
  });

  it("gives the same bytes and ETag until something changes", async () => {
    const fixture = await createBookingFixture(database.prisma, {
      startsAt: new Date(now.getTime() + 8 * day),
    });
    const { token } = await rotateFeedToken(database.prisma, fixture.mentee.id);
    const first = await feedOf(token);
    const again = await feedOf(token);
    expect(again?.etag).toBe(first?.etag);
    await database.prisma.mentoringSession.update({
      where: { id: fixture.session.id },
      data: {
        startsAt: new Date(now.getTime() + 9 * day),
        endsAt: new Date(now.getTime() + 9 * day + hour),
        blockedUntil: new Date(now.getTime() + 9 * day + hour),
      },
    });
    const moved = await feedOf(token);
    expect(moved?.etag).not.toBe(first?.etag);
  });

  it("builds the subscription links", () => {
    const url = feedUrl(`${publicUrl}/`, "a".repeat(43));
    expect(url).toBe(`${publicUrl}/calendar/${"a".repeat(43)}.ics`);
    const links = subscribeLinks(url);
    expect(links.webcal).toBe(`webcal://app.mentora.test/calendar/${"a".repeat(43)}.ics`);
    expect(new URL(links.google).searchParams.get("cid")).toBe(links.webcal);
  });
});
