import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, type PageWatch, screenshot, uniqueEmail } from "./browser.ts";
import {
  addPaidOffering,
  closeTestDb,
  createMentor,
  createVerifiedUser,
  PASSWORD,
  testDb,
} from "./db.ts";
import { signedInPage } from "./sign-in.ts";

/**
 * The mentor page's scheduler (issue #18), with and without JavaScript: duration, day, time
 * zone (the times shift), 12/24-hour clock, a time; the one-page confirmation (VAT, policy,
 * topic and message); hold, pay on the sandbox and see the booking confirmed, topic included.
 */
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await closeTestDb();
});

async function context(javaScriptEnabled = true) {
  const created = await browser.newContext({
    baseURL: baseUrl(),
    locale: "en-US",
    timezoneId: "Europe/Paris",
    javaScriptEnabled,
  });
  contexts.push(created);
  return created;
}

/** A mentor whose "Career review" has 30 min (€20) and 60 min (€35), hours every day. */
async function mentorWithTwoDurations(name: string) {
  const mentor = await createMentor({ name, email: uniqueEmail("sched-mentor") });
  await addPaidOffering(mentor.id);
  const offering = await testDb().offering.findFirstOrThrow({ where: { mentorId: mentor.id } });
  await testDb().offeringOption.create({
    data: { offeringId: offering.id, durationMinutes: 30, priceMinor: 2000, currency: "EUR" },
  });
  return { mentor, offering };
}

const timeIn = (iso: string, timeZone: string, hour12: boolean) =>
  new Intl.DateTimeFormat("en-US", {
    hour: "numeric",
    minute: "2-digit",
    hourCycle: hour12 ? "h12" : "h23",
    timeZone,
  }).format(new Date(iso));

/** Every listed time reads as its instant in this zone and clock. */
async function expectTimesIn(page: Page, timeZone: string, hour12: boolean) {
  const slots = page.getByTestId("slot");
  const count = await slots.count();
  // Once, two files at a time, the no-JavaScript run found none on a day marked free (decision
  // 068, not reproduced since): should it happen again, the failure shows the page as rendered.
  const shown =
    count > 0
      ? ""
      : `${page.url()}\n${await page
          .getByTestId("scheduler")
          .textContent({ timeout: 5_000 })
          .catch(() => "(no scheduler on the page)")}`;
  expect(count, shown).toBeGreaterThan(0);
  for (let index = 0; index < Math.min(count, 4); index += 1) {
    const slot = slots.nth(index);
    const start = (await slot.getAttribute("data-start")) ?? "";
    expect((await slot.textContent())?.trim()).toBe(timeIn(start, timeZone, hour12));
  }
  return (await slots.first().getAttribute("data-start")) ?? "";
}

/**
 * A free day at least three days ahead (the free-cancellation window is then still open), from
 * the month shown or the next one.
 */
async function chooseLaterDay(page: Page) {
  if ((await page.getByTestId("free-day").count()) < 4) {
    await page.getByTestId("next-month").click();
    await page.waitForURL((url) => url.searchParams.has("month"));
  }
  const days = page.getByTestId("free-day");
  const day = (await days.count()) >= 4 ? days.nth(3) : days.nth(1);
  const date = (await day.getAttribute("data-date")) ?? "";
  await day.click();
  await page.waitForURL((url) => url.searchParams.get("date") === date);
  // The chosen day is marked once the new page has rendered.
  await page
    .locator(`[data-testid="free-day"][data-date="${date}"][aria-current="date"]`)
    .waitFor();
  return date;
}

async function payAndSeeConfirmed(page: Page, topic: string, watch?: PageWatch) {
  await page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
  const bookingId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  expect(await page.getByTestId("booking-status").textContent()).toBe("Awaiting payment");
  expect(await page.getByTestId("booking-topic").textContent()).toBe(topic);
  await watch?.check();
  await page.getByTestId("pay-box").getByRole("button", { name: "Pay €35.00" }).click();
  await page.waitForURL(/\/sandbox\/checkout\/[^/]+$/);
  await watch?.check();
  await page.getByRole("button", { name: "Pay 35.00 EUR" }).click();
  await page
    .getByTestId("payment-message")
    .filter({ hasText: "your booking is confirmed" })
    .waitFor();
  const booking = await testDb().booking.findUniqueOrThrow({ where: { id: bookingId } });
  expect(booking.status).toBe("CONFIRMED");
  return booking;
}

describe("the mentor page's scheduler", () => {
  it("books with JavaScript: duration, day, time zone, clock, time, confirmation, payment", async () => {
    const { mentor, offering } = await mentorWithTwoDurations("Maëlle Scheduler");
    const menteeEmail = uniqueEmail("sched-mentee");
    await createVerifiedUser({ name: "Hugo Booker", email: menteeEmail });
    const { page, watch } = await signedInPage(
      await context(),
      menteeEmail,
      `/mentors/${mentor.id}`,
    );

    // The profile header and the offering as a card; no slots until an offering is chosen.
    await page.getByRole("heading", { name: "Maëlle Scheduler", level: 1 }).waitFor();
    expect(await page.getByTestId("mentor-sessions").textContent()).toBe("0 sessions given");
    expect(await page.getByTestId("mentor-rating").count()).toBe(0);
    expect(await page.getByTestId("slot").count()).toBe(0);
    await watch.check();
    await screenshot(page, "scheduler-mentor-page.png");

    // Choosing the offering opens its scheduler on the shortest duration.
    await page.getByRole("link", { name: "Choose a time for Career review" }).click();
    await page.waitForURL(`**/mentors/${mentor.id}/${offering.id}`);
    await page.getByTestId("scheduler").waitFor();
    const durations = page.getByTestId("duration");
    expect(await durations.count()).toBe(2);
    expect(await durations.first().getAttribute("aria-checked")).toBe("true");
    await watch.check();

    // 60 minutes, then the second day with free times.
    await durations.filter({ hasText: "€35.00" }).click();
    await page.waitForURL((url) => url.searchParams.get("duration") === "60");
    await chooseLaterDay(page);
    await page.waitForLoadState("networkidle");
    // en-US: a 12-hour clock by default, in the browser's zone (Paris).
    await expectTimesIn(page, "Europe/Paris", true);
    await watch.check();
    await screenshot(page, "scheduler-day.png");
    // A 360 px phone: everything fits, nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await screenshot(page, "scheduler-day-phone.png");
    await page.setViewportSize({ width: 1280, height: 800 });

    // Another time zone through the searchable picker: the same instants, other wall times.
    await page.getByTestId("tz-trigger").click();
    await page.getByLabel("Search time zones").fill("tokyo");
    await page.getByTestId("tz-option").filter({ hasText: "Asia/Tokyo" }).click();
    await page.waitForURL((url) => url.searchParams.get("tz") === "Asia/Tokyo");
    await page.getByTestId("shown-in").filter({ hasText: "Asia/Tokyo" }).waitFor();
    expect(await page.getByTestId("shown-in").textContent()).toBe(
      "Times in Asia/Tokyo (UTC+09:00)",
    );
    const tokyoFirst = await expectTimesIn(page, "Asia/Tokyo", true);
    expect(timeIn(tokyoFirst, "Asia/Tokyo", true)).not.toBe(
      timeIn(tokyoFirst, "Europe/Paris", true),
    );
    await watch.check();

    // The 24-hour clock, remembered in a cookie.
    await page.getByTestId("clock-24").click();
    await page.getByTestId("clock-24").and(page.locator('[aria-pressed="true"]')).waitFor();
    await expectTimesIn(page, "Asia/Tokyo", false);
    expect((await page.context().cookies()).find((c) => c.name === "mentora_clock")?.value).toBe(
      "24",
    );
    await watch.check();

    // A time → the one-page confirmation, in the chosen zone and the mentor's.
    const slot = page.getByTestId("slot").first();
    const start = (await slot.getAttribute("data-start")) ?? "";
    await slot.click();
    await page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    expect(new URL(page.url()).searchParams.get("slot")).toBe(start);
    expect(await page.getByTestId("confirm-when").textContent()).toContain(
      timeIn(start, "Asia/Tokyo", false),
    );
    expect(await page.getByTestId("confirm-mentor-time").textContent()).toContain(
      timeIn(start, "Europe/Paris", false),
    );
    expect(await page.getByTestId("confirm-vat").textContent()).toBe(
      "Includes €5.83 VAT (20 %) on €29.17",
    );
    expect(await page.getByTestId("confirm-payment").textContent()).toBe(
      "Paid online on the next step: €35.00",
    );
    expect(await page.getByTestId("confirm-cancellation").textContent()).toMatch(
      /Free cancellation with a full refund until .+ \(24 hours before the start\)/,
    );
    await watch.check();
    await screenshot(page, "scheduler-confirm.png");
    await page.getByLabel("Topic (optional)").fill("Moving to staff engineer");
    await page.getByLabel("Message to the mentor (optional)").fill("I lead a team of four.");
    await page.getByRole("button", { name: "Hold this time" }).click();
    const booking = await payAndSeeConfirmed(page, "Moving to staff engineer", watch);
    expect(booking.note).toBe("I lead a team of four.");
    await watch.check();
    watch.done();

    // The mentor reads the topic and the message on the booking.
    const m = await signedInPage(await context(), mentor.email, `/bookings/${booking.id}`);
    expect(await m.page.getByTestId("booking-topic").textContent()).toBe(
      "Moving to staff engineer",
    );
    expect(await m.page.getByTestId("booking-note").textContent()).toBe("I lead a team of four.");
    await m.watch.check();
    m.watch.done();
  });

  it("books without JavaScript: links and plain forms all the way", async () => {
    const { mentor, offering } = await mentorWithTwoDurations("Noor Nojs");
    const menteeEmail = uniqueEmail("sched-nojs");
    await createVerifiedUser({ name: "Inès Nojs", email: menteeEmail });
    const page = await (await context(false)).newPage();
    await page.goto(`/sign-in?redirectTo=${encodeURIComponent(`/mentors/${mentor.id}`)}`);
    await page.getByLabel("Email address").fill(menteeEmail);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`**/mentors/${mentor.id}`);

    await page.getByRole("link", { name: "Choose a time for Career review" }).click();
    await page.waitForURL(`**/mentors/${mentor.id}/${offering.id}`);
    await page.getByTestId("duration").filter({ hasText: "€35.00" }).click();
    await page.waitForURL((url) => url.searchParams.get("duration") === "60");
    await chooseLaterDay(page);
    // No script told the server the browser's zone, and the mentee has none in their profile.
    await expectTimesIn(page, "UTC", true);

    // The zone: a plain <select> and a button (the searchable picker needs JavaScript).
    expect(await page.getByTestId("tz-trigger").count()).toBe(0);
    await page.getByLabel("Time zone").selectOption("America/New_York");
    await page.getByRole("button", { name: "Show times" }).click();
    await page.waitForURL((url) => url.searchParams.get("tz") === "America/New_York");
    await page.getByTestId("shown-in").filter({ hasText: "America/New York" }).waitFor();
    expect(new URL(page.url()).searchParams.get("duration")).toBe("60");
    await expectTimesIn(page, "America/New_York", true);

    // The clock: a form post that sets the cookie and comes back.
    await page.getByTestId("clock-24").click();
    await page.locator('[data-testid="clock-24"][aria-pressed="true"]').waitFor();
    await expectTimesIn(page, "America/New_York", false);

    const slot = page.getByTestId("slot").first();
    const start = (await slot.getAttribute("data-start")) ?? "";
    await slot.click();
    await page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    expect(await page.getByTestId("confirm-when").textContent()).toContain(
      timeIn(start, "America/New_York", false),
    );
    await page.getByLabel("Topic (optional)").fill("System design");
    await page.getByLabel("Message to the mentor (optional)").fill("No JavaScript here.");
    await page.getByRole("button", { name: "Hold this time" }).click();
    const booking = await payAndSeeConfirmed(page, "System design");
    expect(booking.note).toBe("No JavaScript here.");
    const session = await testDb().mentoringSession.findUniqueOrThrow({
      where: { id: booking.sessionId },
    });
    expect(session.startsAt.toISOString()).toBe(start);
  });

  it("redirects the old mentor-page links to the scheduler's deep link", async () => {
    const { mentor, offering } = await mentorWithTwoDurations("Olga Oldlinks");
    const option = await testDb().offeringOption.findFirstOrThrow({
      where: { offeringId: offering.id, durationMinutes: 60 },
    });
    const response = await fetch(
      `${baseUrl()}/mentors/${mentor.id}?option=${option.id}&week=2030-01-07`,
      { redirect: "manual" },
    );
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(
      `/mentors/${mentor.id}/${offering.id}?duration=60&date=2030-01-07`,
    );
    // The page itself stays small: one month of one duration, never every slot.
    const page = await fetch(`${baseUrl()}/mentors/${mentor.id}/${offering.id}?duration=60`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const slotLinks = html.match(/data-testid="slot"/g)?.length ?? 0;
    expect(slotLinks).toBeGreaterThan(0);
    expect(slotLinks).toBeLessThanOrEqual(60);
    // An offering of another mentor is not found here.
    const other = await fetch(`${baseUrl()}/mentors/${mentor.id}/not-an-offering`);
    expect(other.status).toBe(404);
  });
});
