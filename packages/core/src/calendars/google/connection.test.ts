import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { createFakeGoogle } from "../../auth/testing/fake-google.ts";
import {
  authRequest,
  callerFor,
  cookieHeaderFrom,
  createTestApp,
  signUpVerifiedUser,
  TEST_ORIGIN,
} from "../../testing/index.ts";
import {
  type FakeGoogleCalendar,
  startFakeGoogleCalendar,
} from "../testing/fake-google-calendar.ts";
import { GOOGLE_CALENDAR_SCOPES } from "./google-api.ts";

// "Connect Google Calendar" end to end on the server: better-auth's /link-social with the
// calendar scopes and offline access (what /mentor/calendars posts) → Google's consent (the
// sign-in tests' fake Google) → /callback/google stores the tokens → the calendars page state
// records the connection. Then choosing calendars and disconnecting.

const CLIENT_ID = "mentora-test.apps.googleusercontent.com";
const CLIENT_SECRET = "mentora-test-secret";
const google = createFakeGoogle({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
let calendarApi: FakeGoogleCalendar;
let app: App;

beforeAll(async () => {
  google.install();
  calendarApi = await startFakeGoogleCalendar();
  app = await createTestApp({
    GOOGLE_CLIENT_ID: CLIENT_ID,
    GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
    GOOGLE_CALENDAR_API_URL: calendarApi.url,
  });
});
afterAll(async () => {
  google.restore();
  await app?.close();
  await calendarApi?.close();
});
afterEach(() => {
  expect(google.unexpected).toEqual([]);
});

function merge(...headers: string[]): string {
  const jar = new Map<string, string>();
  for (const header of headers) {
    for (const pair of header.split(/;\s*/)) {
      const eq = pair.indexOf("=");
      if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

describe("connecting Google Calendar", () => {
  it("asks Google for the calendar scopes offline, then records the connection", async () => {
    const email = "cal.mentor@gmail.test";
    const { cookie, userId } = await signUpVerifiedUser(app, { email, name: "Cal Mentor" });
    await app.prisma.user.update({
      where: { id: userId },
      data: { role: "MENTOR", mentorProfile: { create: { status: "APPROVED" } } },
    });

    const started = await app.auth.handler(
      authRequest("/link-social", {
        body: {
          provider: "google",
          scopes: GOOGLE_CALENDAR_SCOPES,
          callbackURL: "/mentor/calendars",
          additionalParams: { access_type: "offline", prompt: "consent" },
        },
        headers: { cookie },
      }),
    );
    expect(started.status, await started.clone().text()).toBe(200);
    const { url } = (await started.json()) as { url: string };
    const consentUrl = new URL(url);
    const scopes = (consentUrl.searchParams.get("scope") ?? "").split(" ");
    expect(scopes).toEqual(expect.arrayContaining(["openid", ...GOOGLE_CALENDAR_SCOPES]));
    expect(consentUrl.searchParams.get("access_type")).toBe("offline");

    const back = google.consent(url, { sub: "200000000000000000042", email, emailVerified: true });
    const callback = await app.auth.handler(
      new Request(back, { headers: { cookie: merge(cookie, cookieHeaderFrom(started)) } }),
    );
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/mentor/calendars");
    const account = await app.prisma.account.findFirst({
      where: { userId, providerId: "google" },
    });
    expect(account?.accessToken).toBeTruthy();

    // The token works at the Calendar API (as Google would after this consent).
    calendarApi.grant(account!.accessToken!, [
      { id: email, summary: "Cal", primary: true, busy: [] },
      { id: "team@group.test", summary: "Team", accessRole: "reader", busy: [] },
    ]);
    const caller = await callerFor(app, { cookie, origin: TEST_ORIGIN });
    const state = await caller.calendars.googleCalendar();
    expect(state.connection).toMatchObject({
      status: "CONNECTED",
      busyCalendarIds: ["primary"],
      targetCalendarId: "primary",
    });
    expect(state.calendars.map((entry) => [entry.id, entry.writable])).toEqual([
      [email, true],
      ["team@group.test", false],
    ]);
    const queued = await app.boss.fetch("calendars.refresh-busy");
    expect(queued?.map((job) => job.data)).toContainEqual({ mentorId: userId });

    // Sessions cannot go to a calendar the mentor only reads; busy times may come from it.
    await expect(
      caller.calendars.saveGoogleCalendars({
        busyCalendarIds: [email],
        targetCalendarId: "team@group.test",
      }),
    ).rejects.toMatchObject({ cause: { code: "GOOGLE_CALENDAR_INVALID_CHOICE" } });
    await caller.calendars.saveGoogleCalendars({
      busyCalendarIds: ["primary", "team@group.test"],
      targetCalendarId: "primary",
    });
    const saved = await app.prisma.googleCalendarConnection.findUnique({
      where: { mentorId: userId },
    });
    expect(saved?.busyCalendarIds).toEqual([email, "team@group.test"]);
    expect(saved?.targetCalendarId).toBe(email);

    // Disconnecting revokes at Google and forgets the token, the connection and its busy times.
    await app.prisma.calendarBusy.create({
      data: { mentorId: userId, startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000) },
    });
    await caller.calendars.disconnectGoogle();
    expect(google.revoked).toContain(account!.accessToken);
    const after = await app.prisma.account.findFirst({ where: { userId, providerId: "google" } });
    expect(after).toMatchObject({ accessToken: null, refreshToken: null, scope: null });
    expect(await app.prisma.calendarBusy.count({ where: { mentorId: userId } })).toBe(0);
    expect((await caller.calendars.googleCalendar()).connection).toBeNull();
  });
});
