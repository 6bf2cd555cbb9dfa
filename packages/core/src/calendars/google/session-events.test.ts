import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { createTestApp } from "../../testing/index.ts";
import {
  type FakeGoogleCalendar,
  startFakeGoogleCalendar,
} from "../testing/fake-google-calendar.ts";
import { seedConnectedMentor } from "../testing/google-calendar-rig.ts";
import { googleEventIdOf } from "./google-api.ts";
import { refreshStaleConnections } from "./refresh-busy.job.ts";
import { syncSessionEvent } from "./session-events.ts";

// Confirmed sessions written to the mentor's chosen Google calendar (the fake), moved and
// removed with them, idempotently.

let app: App;
let fake: FakeGoogleCalendar;

beforeAll(async () => {
  fake = await startFakeGoogleCalendar();
  app = await createTestApp({
    GOOGLE_CLIENT_ID: "mentora-test.apps.googleusercontent.com",
    GOOGLE_CLIENT_SECRET: "mentora-test-secret",
    GOOGLE_CALENDAR_API_URL: fake.url,
  });
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const hour = 3_600_000;

async function bookedSession(seeded: Awaited<ReturnType<typeof seedConnectedMentor>>) {
  const startsAt = new Date(Math.ceil(Date.now() / hour) * hour + 48 * hour);
  const endsAt = new Date(startsAt.getTime() + hour);
  const mentee = await app.prisma.user.create({
    data: {
      id: crypto.randomUUID(),
      name: "Mo Mentee",
      email: `mentee-${crypto.randomUUID()}@mentora.test`,
    },
  });
  const session = await app.prisma.mentoringSession.create({
    data: {
      mentorId: seeded.mentor.id,
      offeringId: seeded.option.offeringId,
      optionId: seeded.option.id,
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      capacity: 1,
      bookings: {
        create: {
          menteeId: mentee.id,
          status: "CONFIRMED",
          confirmedAt: new Date(),
          offeringTitle: "Architecture review",
          durationMinutes: 60,
          priceMinor: 0,
          currency: "EUR",
        },
      },
    },
  });
  return { session, mentee };
}

function eventsIn(calendarId: string) {
  return [...(fake.events.get(calendarId)?.values() ?? [])];
}

describe("sessions in the mentor's Google Calendar", () => {
  it("writes a confirmed session once, moves it with the session and removes it when cancelled", async () => {
    const seeded = await seedConnectedMentor(app.prisma, fake);
    const calendarId = seeded.calendars[0]!.id;
    const { session, mentee } = await bookedSession(seeded);

    expect(await syncSessionEvent(app, session.id)).toBe("written");
    const [event, ...others] = eventsIn(calendarId);
    expect(others).toEqual([]);
    expect(event?.id).toBe(googleEventIdOf(session.id));
    expect(event?.summary).toBe("Architecture review with Mo Mentee");
    expect(event?.location).toBe(`http://localhost:3000/sessions/${session.id}/call`);
    expect(new Date(event?.start?.dateTime ?? 0)).toEqual(session.startsAt);
    expect(event?.attendees).toBeUndefined();
    expect(JSON.stringify(event)).not.toContain(mentee.email);
    // Again: nothing to do.
    expect(await syncSessionEvent(app, session.id)).toBe("unchanged");
    expect(eventsIn(calendarId)).toHaveLength(1);

    const movedStart = new Date(session.startsAt.getTime() + 3 * hour);
    await app.prisma.mentoringSession.update({
      where: { id: session.id },
      data: {
        startsAt: movedStart,
        endsAt: new Date(movedStart.getTime() + hour),
        blockedUntil: new Date(movedStart.getTime() + hour),
      },
    });
    expect(await syncSessionEvent(app, session.id)).toBe("written");
    const moved = eventsIn(calendarId);
    expect(moved).toHaveLength(1);
    expect(new Date(moved[0]?.start?.dateTime ?? 0)).toEqual(movedStart);

    await app.prisma.mentoringSession.update({
      where: { id: session.id },
      data: { status: "CANCELLED", cancelledAt: new Date() },
    });
    expect(await syncSessionEvent(app, session.id)).toBe("deleted");
    expect(eventsIn(calendarId)).toEqual([]);
    expect(await app.prisma.googleCalendarEvent.count({ where: { sessionId: session.id } })).toBe(
      0,
    );
    expect(await syncSessionEvent(app, session.id)).toBe("unchanged");
  });

  it("does not write a second event when the answer of the first was lost", async () => {
    const seeded = await seedConnectedMentor(app.prisma, fake);
    const { session } = await bookedSession(seeded);
    await syncSessionEvent(app, session.id);
    // As if our row had not been saved after Google created the event.
    await app.prisma.googleCalendarEvent.delete({ where: { sessionId: session.id } });
    expect(await syncSessionEvent(app, session.id)).toBe("written");
    expect(eventsIn(seeded.calendars[0]!.id)).toHaveLength(1);
  });

  it("marks the connection broken on a revoked token, and writes nothing for a broken one", async () => {
    const seeded = await seedConnectedMentor(app.prisma, fake);
    const { session } = await bookedSession(seeded);
    fake.revoke(seeded.accessToken);
    expect(await syncSessionEvent(app, session.id)).toBe("broken");
    const calls = fake.requests.length;
    expect(await syncSessionEvent(app, session.id)).toBe("skipped");
    expect(fake.requests.length).toBe(calls);
    // The scheduled sweep skips it too (it refreshes only the healthy connections).
    await refreshStaleConnections(app);
    const connection = await app.prisma.googleCalendarConnection.findUnique({
      where: { mentorId: seeded.mentor.id },
    });
    expect(connection).toMatchObject({ status: "BROKEN", busyFetchedAt: null });
  });
});
