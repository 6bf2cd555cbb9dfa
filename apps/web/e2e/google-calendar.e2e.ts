import { randomBytes, randomUUID } from "node:crypto";
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from "@mentora/core/calendars/testing";
import { createPrismaClient, type Db } from "@mentora/db";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, uniqueEmail } from "./browser.ts";
import "./context.ts";
import { addPaidOffering, createMentor, type Target } from "./db.ts";
import { type DbRun, type ServerPair, startServerPair } from "./servers.ts";
import { signedInPage } from "./sign-in.ts";

// Google Calendar busy times against the BUILT app and a local fake Calendar API (the real
// @googleapis/calendar client through GOOGLE_CALENDAR_API_URL): a mentor's busy hour at Google
// takes the slot away on their public page, and the mentor sees the connection in
// /mentor/calendars. The connection and the Google account's token are put in the database as
// the consent flow leaves them (that flow is covered by core's connect test).

const run = inject("webDbRun") as DbRun;
let servers: ServerPair;
let fake: FakeGoogleCalendar;
let db: Db;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeGoogleCalendar();
  servers = await startServerPair(run, {
    label: "google-calendar",
    env: {
      GOOGLE_CLIENT_ID: "mentora-e2e.apps.googleusercontent.com",
      GOOGLE_CLIENT_SECRET: "mentora-e2e-secret",
      GOOGLE_CALENDAR_API_URL: fake.url,
    },
  });
  db = createPrismaClient({ connectionString: servers.databaseUrl });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await servers?.stop();
  await fake?.close();
});

const hour = 3_600_000;

/** The slot starts the page offers (each slot link's `data-start`), as epoch milliseconds. */
async function linkedSlots(page: import("playwright-core").Page): Promise<number[]> {
  await page.getByTestId("slot").first().waitFor();
  const starts = await page
    .getByTestId("slot")
    .evaluateAll((links) => links.map((link) => link.getAttribute("data-start") ?? ""));
  return starts.map((start) => new Date(start).getTime());
}

describe("Google Calendar busy times", () => {
  it("take a slot off the mentor's public page", async () => {
    const target: Target = { baseUrl: servers.baseUrl, db };
    const email = uniqueEmail("gcal-mentor");
    const mentor = await createMentor({ name: "Gus Calendar", email }, target);
    await addPaidOffering(mentor.id, target);
    // Two days ahead, 10:00–11:00 UTC (11:00–12:00 in Paris: inside the mentor's hours).
    const day = new Date();
    day.setUTCHours(0, 0, 0, 0);
    const busyStart = new Date(day.getTime() + 48 * hour + 10 * hour);
    const accessToken = `ya29.e2e-${randomBytes(12).toString("hex")}`;
    fake.grant(accessToken, [
      {
        id: email,
        summary: "Gus",
        primary: true,
        busy: [{ start: busyStart, end: new Date(busyStart.getTime() + hour) }],
      },
      { id: "holidays@group.test", summary: "Holidays", accessRole: "reader", busy: [] },
    ]);
    await db.account.create({
      data: {
        id: randomUUID(),
        userId: mentor.id,
        providerId: "google",
        accountId: `google-${mentor.id}`,
        accessToken,
        accessTokenExpiresAt: new Date(Date.now() + 2 * hour),
        scope: "openid email profile https://www.googleapis.com/auth/calendar.events",
      },
    });
    await db.googleCalendarConnection.create({
      data: { mentorId: mentor.id, busyCalendarIds: ["primary"], targetCalendarId: "primary" },
    });

    const visitorContext = await browser.newContext({
      baseURL: servers.baseUrl,
      timezoneId: "UTC",
    });
    const visitor = await visitorContext.newPage();
    // The scheduler's deep link opens on the busy day, its times in UTC.
    const offering = await db.offering.findFirstOrThrow({ where: { mentorId: mentor.id } });
    const date = busyStart.toISOString().slice(0, 10);
    await visitor.goto(`/mentors/${mentor.id}/${offering.id}?date=${date}&tz=UTC`);
    const slots = await linkedSlots(visitor);
    // The page read the busy hour from Google through the slots service.
    expect(fake.requests).toContain("POST /calendar/v3/freeBusy");
    expect(slots).toContain(busyStart.getTime() - 2 * hour);
    expect(slots).toContain(busyStart.getTime() + hour);
    expect(slots).not.toContain(busyStart.getTime());
    expect(slots).not.toContain(busyStart.getTime() - hour / 2);
    const cached = await db.calendarBusy.findMany({ where: { mentorId: mentor.id } });
    expect(cached.map((row) => row.startsAt.getTime())).toEqual([busyStart.getTime()]);

    // The mentor's calendars page: connected, the calendar list from Google, a choice saved.
    const context = await browser.newContext({ baseURL: servers.baseUrl, timezoneId: "UTC" });
    const { page, watch } = await signedInPage(context, email, "/mentor/calendars");
    await page.getByTestId("google-calendar-connected").waitFor();
    await watch.check();
    const busyBox = page.getByRole("checkbox", { name: "Gus (primary)" });
    expect(await busyBox.isChecked()).toBe(true);
    await page.getByRole("checkbox", { name: "Holidays (read-only)" }).check();
    await page.getByRole("button", { name: "Save calendars" }).click();
    await page.getByText("Saved: busy times are read again from Google.").waitFor();
    await watch.check();
    const connection = await db.googleCalendarConnection.findUnique({
      where: { mentorId: mentor.id },
    });
    expect(connection?.busyCalendarIds.sort()).toEqual([email, "holidays@group.test"].sort());

    // Disconnecting forgets the token and the busy times: the slot is offered again.
    await page.getByRole("button", { name: "Disconnect Google Calendar" }).click();
    await page.getByText("Google Calendar is disconnected").waitFor();
    await watch.check();
    const account = await db.account.findFirst({
      where: { userId: mentor.id, providerId: "google" },
    });
    expect(account?.accessToken).toBeNull();
    expect(await db.calendarBusy.count({ where: { mentorId: mentor.id } })).toBe(0);
    await visitor.goto(`/mentors/${mentor.id}/${offering.id}?date=${date}&tz=UTC`);
    expect(await linkedSlots(visitor)).toContain(busyStart.getTime());
    watch.done();
    await context.close();
    await visitorContext.close();
  });
});
