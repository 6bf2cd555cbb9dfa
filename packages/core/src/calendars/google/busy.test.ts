import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { createFakeGoogle } from "../../auth/testing/fake-google.ts";
import { loadBookableOption, offeredSlots } from "../../availability/index.ts";
import { callerFor, createTestApp } from "../../testing/index.ts";
import {
  type FakeGoogleCalendar,
  startFakeGoogleCalendar,
} from "../testing/fake-google-calendar.ts";
import { seedConnectedMentor } from "../testing/google-calendar-rig.ts";
import { refreshBusy, refreshStaleBusy } from "./busy.ts";

// Busy times from Google Calendar against the local fake (the real @googleapis/calendar client
// through GOOGLE_CALENDAR_API_URL): cached in calendar_busy, they take slots away through
// offeredSlots, so the mentor's page and holdSlot both see them.

let app: App;
let fake: FakeGoogleCalendar;

beforeAll(async () => {
  fake = await startFakeGoogleCalendar();
  app = await createTestApp({
    GOOGLE_CLIENT_ID: "mentora-test.apps.googleusercontent.com",
    GOOGLE_CLIENT_SECRET: "mentora-test-secret",
    GOOGLE_CALENDAR_API_URL: fake.url,
    GOOGLE_CALENDAR_TIMEOUT_MS: "300",
    GOOGLE_CALENDAR_BUSY_TTL_SECONDS: "300",
  });
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const hour = 3_600_000;

/** Tomorrow at `hours`:00 UTC. */
function tomorrowAt(hours: number): Date {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  return new Date(day.getTime() + 24 * hour + hours * hour);
}

async function slotStarts(optionId: string): Promise<number[]> {
  const option = await loadBookableOption(app.prisma, optionId);
  if (!option) throw new Error("no option");
  const slots = await offeredSlots(app.prisma, option, {
    from: tomorrowAt(0),
    to: tomorrowAt(24),
    now: new Date(),
  });
  return slots.map((slot) => slot.start.getTime());
}

describe("Google Calendar busy times", () => {
  it("take the busy hours out of the offered slots once fetched", async () => {
    const seeded = await seedConnectedMentor(app.prisma, fake);
    seeded.calendars[0]?.busy.push({ start: tomorrowAt(10), end: tomorrowAt(11) });
    const before = await slotStarts(seeded.option.id);
    expect(before).toContain(tomorrowAt(10).getTime());

    expect(await refreshBusy(app, seeded.mentor.id)).toBe("refreshed");
    const rows = await app.prisma.calendarBusy.findMany({ where: { mentorId: seeded.mentor.id } });
    expect(rows.map((row) => [row.startsAt, row.endsAt])).toEqual([
      [tomorrowAt(10), tomorrowAt(11)],
    ]);
    const after = await slotStarts(seeded.option.id);
    // 60-minute slots every 30 minutes: 09:30, 10:00 and 10:30 overlap the busy hour.
    expect(after).not.toContain(tomorrowAt(10).getTime());
    expect(after).not.toContain(tomorrowAt(9.5).getTime());
    expect(after).not.toContain(tomorrowAt(10.5).getTime());
    expect(after).toContain(tomorrowAt(9).getTime());
    expect(after).toContain(tomorrowAt(11).getTime());

    // The busy hour ends at Google: the next refresh gives it back.
    seeded.calendars[0]!.busy = [];
    await refreshBusy(app, seeded.mentor.id);
    expect(await slotStarts(seeded.option.id)).toContain(tomorrowAt(10).getTime());
  });

  it("refreshes through the slots read when stale, and not again within the TTL", async () => {
    const seeded = await seedConnectedMentor(app.prisma, fake);
    seeded.calendars[0]?.busy.push({ start: tomorrowAt(14), end: tomorrowAt(15) });
    const caller = await callerFor(app, { "x-timezone": "UTC" });
    const read = () =>
      caller.directory.slots({
        optionId: seeded.option.id,
        from: tomorrowAt(0),
        to: tomorrowAt(24),
      });
    const starts = (result: Awaited<ReturnType<typeof read>>) =>
      result.days.flatMap((day) => day.slots.map((slot) => new Date(slot.start).getTime()));

    const first = await read();
    expect(starts(first)).not.toContain(tomorrowAt(14).getTime());
    expect(starts(first)).toContain(tomorrowAt(13).getTime());
    const calls = fake.requests.filter((request) => request === "POST /calendar/v3/freeBusy");

    await read();
    expect(fake.requests.filter((request) => request === "POST /calendar/v3/freeBusy")).toEqual(
      calls,
    );
  });

  it("answers from the cache when Google is slow, and finishes the refresh later", async () => {
    const seeded = await seedConnectedMentor(app.prisma, fake);
    seeded.calendars[0]?.busy.push({ start: tomorrowAt(16), end: tomorrowAt(17) });
    fake.delayFreeBusy(3_000);
    try {
      await refreshStaleBusy(app, seeded.mentor.id);
      // Returned before Google answered (timeout 300 ms): nothing fetched yet.
      const connection = await app.prisma.googleCalendarConnection.findUnique({
        where: { mentorId: seeded.mentor.id },
      });
      expect(connection?.busyFetchedAt).toBeNull();
    } finally {
      fake.delayFreeBusy(0);
    }
    // The refresh carried on in the background and filled the cache.
    for (;;) {
      const rows = await app.prisma.calendarBusy.count({ where: { mentorId: seeded.mentor.id } });
      if (rows > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await slotStarts(seeded.option.id)).not.toContain(tomorrowAt(16).getTime());
  });

  it("marks the connection broken when Google revokes the token, and stops calling", async () => {
    const seeded = await seedConnectedMentor(app.prisma, fake);
    seeded.calendars[0]?.busy.push({ start: tomorrowAt(8), end: tomorrowAt(9) });
    await refreshBusy(app, seeded.mentor.id);
    fake.revoke(seeded.accessToken);

    expect(await refreshBusy(app, seeded.mentor.id)).toBe("broken");
    const connection = await app.prisma.googleCalendarConnection.findUnique({
      where: { mentorId: seeded.mentor.id },
    });
    expect(connection?.status).toBe("BROKEN");
    expect(connection?.brokenReason).toBe("unauthenticated");
    // The last known busy times still protect the mentor.
    expect(await slotStarts(seeded.option.id)).not.toContain(tomorrowAt(8).getTime());

    const calls = fake.requests.length;
    expect(await refreshBusy(app, seeded.mentor.id)).toBe("skipped");
    await refreshStaleBusy(app, seeded.mentor.id);
    expect(fake.requests.length).toBe(calls);
  });

  it("marks the connection broken when the access token expired and Google refuses the refresh", async () => {
    const seeded = await seedConnectedMentor(app.prisma, fake);
    await app.prisma.account.updateMany({
      where: { userId: seeded.mentor.id, providerId: "google" },
      data: { accessTokenExpiresAt: new Date(Date.now() - hour), refreshToken: "1//revoked" },
    });
    // Google's token endpoint (the sign-in tests' fake) refuses this refresh token.
    const google = createFakeGoogle({
      clientId: "mentora-test.apps.googleusercontent.com",
      clientSecret: "mentora-test-secret",
    });
    google.install();
    try {
      expect(await refreshBusy(app, seeded.mentor.id)).toBe("broken");
    } finally {
      google.restore();
    }
    expect(google.calls).toContain("POST https://oauth2.googleapis.com/token");
    const connection = await app.prisma.googleCalendarConnection.findUnique({
      where: { mentorId: seeded.mentor.id },
    });
    expect(connection?.status).toBe("BROKEN");
  });
});
