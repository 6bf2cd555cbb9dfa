import ICAL from "ical.js";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext, uniqueEmail } from "./browser.ts";
import { closeTestDb, createMentor, createVerifiedUser, PASSWORD, testDb } from "./db.ts";
import { signedInPage } from "./sign-in.ts";

// The calendar subscription against the BUILT server: the address is made on the account page
// (a browser, axe-checked), fetched as a calendar app would (no cookie) and parsed with ical.js;
// a cancellation made through the API shows as STATUS:CANCELLED; a replaced or turned-off
// address answers 404.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await closeTestDb();
});

const day = 86_400_000;

async function cookieOf(email: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** A free one-to-one session with the mentor, booked and confirmed, `days` from now. */
async function confirmedBooking(mentorId: string, menteeId: string, days: number) {
  const db = testDb();
  const offering = await db.offering.create({
    data: {
      mentorId,
      title: `Career chat ${days}`,
      description: "Half an hour on your next step.",
      kind: "ONE_TO_ONE",
      options: { create: { durationMinutes: 30, priceMinor: 0, currency: "EUR" } },
    },
    include: { options: true },
  });
  const startsAt = new Date(Math.ceil((Date.now() + days * day) / 3_600_000) * 3_600_000);
  const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
  const session = await db.mentoringSession.create({
    data: {
      mentorId,
      offeringId: offering.id,
      optionId: offering.options[0]!.id,
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      capacity: 1,
    },
  });
  const booking = await db.booking.create({
    data: {
      sessionId: session.id,
      menteeId,
      status: "CONFIRMED",
      confirmedAt: new Date(),
      offeringTitle: offering.title,
      durationMinutes: 30,
      priceMinor: 0,
      currency: "EUR",
    },
  });
  return { session, booking };
}

function eventsOf(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  return calendar.getAllSubcomponents("vevent").map((vevent) => ({
    uid: vevent.getFirstPropertyValue("uid"),
    status: vevent.getFirstPropertyValue("status"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    location: vevent.getFirstPropertyValue("location"),
    start: new ICAL.Event(vevent).startDate.toJSDate(),
  }));
}

describe("calendar subscription", () => {
  it("serves the person's sessions to a calendar app until the address is replaced", async () => {
    const mentor = await createMentor({
      name: "Maya Mentor",
      email: uniqueEmail("feed-mentor"),
    });
    const menteeEmail = uniqueEmail("feed-mentee");
    const mentee = await createVerifiedUser({ name: "Theo Mentee", email: menteeEmail });
    const kept = await confirmedBooking(mentor.id, mentee.id, 3);
    const cancelled = await confirmedBooking(mentor.id, mentee.id, 4);

    const context = await newContext(browser);
    const { page, watch } = await signedInPage(context, menteeEmail, "/account");
    const section = page.getByRole("region", { name: "Calendar subscription" });
    await section.getByRole("button", { name: "Create my subscription address" }).click();
    const field = section.getByLabel("Your new subscription address");
    await field.waitFor();
    await watch.check();
    const url = await field.inputValue();
    expect(url).toMatch(new RegExp(`^${baseUrl()}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const apple = section.getByRole("link", { name: "Add to Apple Calendar" });
    expect(await apple.getAttribute("href")).toBe(url.replace(/^http:\/\//, "webcal://"));
    const google = await section
      .getByRole("link", { name: "Add to Google Calendar" })
      .getAttribute("href");
    expect(new URL(google ?? "").searchParams.get("cid")).toBe(
      url.replace(/^http:\/\//, "webcal://"),
    );

    // A calendar app: no cookie, just the address.
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(first.headers.get("cache-control")).toMatch(/private/);
    const body = await first.text();
    expect(body).not.toContain(menteeEmail);
    expect(body).not.toMatch(/mailto:/);
    const events = eventsOf(body);
    expect(events.map((event) => event.uid)).toEqual([
      `booking-${kept.booking.id}@mentora`,
      `booking-${cancelled.booking.id}@mentora`,
    ]);
    expect(events.map((event) => event.status)).toEqual(["CONFIRMED", "CONFIRMED"]);
    expect(events[0]?.start).toEqual(kept.session.startsAt);
    expect(events[0]?.location).toBe(`${baseUrl()}/sessions/${kept.session.id}/call`);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect((await fetch(url, { headers: { "if-none-match": etag ?? "" } })).status).toBe(304);

    // The mentee cancels one place through the API: the feed carries the cancellation.
    const cookie = await cookieOf(menteeEmail);
    const cancel = await fetch(`${baseUrl()}/api/trpc/bookings.cancel`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl(), cookie },
      body: JSON.stringify({ json: { bookingId: cancelled.booking.id } }),
    });
    expect(cancel.status).toBe(200);
    const after = await fetch(url, { headers: { "if-none-match": etag ?? "" } });
    expect(after.status).toBe(200);
    const updated = eventsOf(await after.text());
    const gone = updated.find((event) => event.uid === `booking-${cancelled.booking.id}@mentora`);
    expect(gone?.status).toBe("CANCELLED");
    expect(Number(gone?.sequence)).toBeGreaterThan(Number(events[1]?.sequence));
    expect(
      updated.find((event) => event.uid === `booking-${kept.booking.id}@mentora`)?.status,
    ).toBe("CONFIRMED");

    // The mentor's own feed shows the same booking under the same UID.
    const mentorContext = await newContext(browser);
    const mentorPage = await signedInPage(mentorContext, mentor.email, "/account");
    const mentorSection = mentorPage.page.getByRole("region", { name: "Calendar subscription" });
    await mentorSection.getByRole("button", { name: "Create my subscription address" }).click();
    const mentorUrl = await mentorSection.getByLabel("Your new subscription address").inputValue();
    await mentorPage.watch.check();
    const mentorEvents = eventsOf(await (await fetch(mentorUrl)).text());
    expect(mentorEvents.map((event) => event.uid)).toContain(`booking-${kept.booking.id}@mentora`);

    // Replacing the address: the old one is 404 at once, the new one works.
    await section.getByRole("button", { name: "Create a new address" }).click();
    await page.waitForFunction(
      (old) =>
        (document.querySelector("#calendar-feed-url") as HTMLInputElement | null)?.value !== old,
      url,
    );
    const replaced = await field.inputValue();
    expect(replaced).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(replaced)).status).toBe(200);
    // Unknown and malformed tokens look the same as a revoked one.
    expect((await fetch(`${baseUrl()}/calendar/${"A".repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${baseUrl()}/calendar/not-a-token.ics`)).status).toBe(404);

    // Turning it off.
    await section.getByRole("button", { name: "Turn the subscription off" }).click();
    await section.getByText("The subscription is off").waitFor();
    await watch.check();
    expect((await fetch(replaced)).status).toBe(404);
    expect(await section.getByTestId("calendar-feed-status").textContent()).toBe(
      "You have no subscription address yet.",
    );
    watch.done();
    mentorPage.watch.done();
    await context.close();
    await mentorContext.close();
  });
});
