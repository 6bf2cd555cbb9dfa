import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext, screenshot, uniqueEmail } from "./browser.ts";
import {
  addPaidOffering,
  closeTestDb,
  createMentor,
  createVerifiedUser,
  PASSWORD,
  testDb,
} from "./db.ts";
import { chooseFirstTime } from "./scheduler.ts";
import { signedInPage } from "./sign-in.ts";

// Notifications (issue #15) against the built server and a real worker: nobody reads or marks
// another person's notification (over HTTP), and a booking paid by a mentee reaches the
// mentor's bell in another browser without a reload.

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

function trpcPost(cookie: string, path: string, input: unknown): Promise<Response> {
  return fetch(`${baseUrl()}/api/trpc/${path}`, {
    method: "POST",
    headers: { cookie, origin: baseUrl(), "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
}

async function notificationOf(recipientId: string, subjectId: string) {
  return testDb().notification.create({
    data: {
      recipientId,
      kind: "PAYMENT_SUCCEEDED",
      subjectId,
      data: { path: `/payments/${subjectId}`, amountMinor: 1200, currency: "EUR" },
      dedupeKey: `e2e:${subjectId}`,
    },
  });
}

describe("notifications over HTTP", () => {
  it("another person's notification is NOT_FOUND to mark, and never listed", async () => {
    const owner = await createVerifiedUser({ name: "Nora Owner", email: uniqueEmail("owner") });
    const other = await createVerifiedUser({ name: "Otto Other", email: uniqueEmail("other") });
    const mine = await notificationOf(owner.id, "owned-1");
    const theirs = await notificationOf(other.id, "theirs-1");
    const cookie = await cookieOf(owner.email);

    const refused = await trpcPost(cookie, "notifications.markRead", { id: theirs.id });
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain("NOT_FOUND");
    // The page's form takes the same road: refused, and the row stays unread.
    const form = await fetch(`${baseUrl()}/notifications`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        origin: baseUrl(),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "markRead", id: theirs.id }).toString(),
    });
    expect(form.status).toBe(200);
    expect(
      (await testDb().notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt,
    ).toBeNull();

    const listed = await fetch(
      `${baseUrl()}/api/trpc/notifications.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 50 } }))}`,
      { headers: { cookie } },
    );
    expect(listed.status).toBe(200);
    const body = await listed.text();
    expect(body).toContain(mine.id);
    expect(body).not.toContain(theirs.id);

    // Opening a line (the bell's link) is the same check: another's is 404, one's own redirects.
    const openTheirs = await fetch(`${baseUrl()}/notifications/${theirs.id}`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(openTheirs.status).toBe(404);
    expect(
      (await testDb().notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt,
    ).toBeNull();
    const openMine = await fetch(`${baseUrl()}/notifications/${mine.id}`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(openMine.status).toBe(302);
    expect(openMine.headers.get("location")).toBe("/payments/owned-1");
    expect(
      (await testDb().notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt,
    ).not.toBeNull();
    // Anonymous: refused before anything is read.
    expect((await trpcPost("", "notifications.markRead", { id: mine.id })).status).toBe(401);
  });
});

describe("the bell, live in two browsers", () => {
  it("a booking paid by the mentee appears in the mentor's bell without a reload", async () => {
    const mentorEmail = uniqueEmail("bell-mentor");
    const mentor = await createMentor({ name: "Bérénice Bell", email: mentorEmail });
    await addPaidOffering(mentor.id);
    const menteeEmail = uniqueEmail("bell-mentee");
    await createVerifiedUser({ name: "Malo Mentee", email: menteeEmail });

    const mentorContext = await newContext(browser);
    const menteeContext = await newContext(browser);
    contexts.push(mentorContext, menteeContext);
    const mentorSide = await signedInPage(mentorContext, mentorEmail, "/mentor/calendar");
    const bell = mentorSide.page.getByTestId("bell");
    await bell.waitFor();
    expect(await mentorSide.page.getByTestId("bell-count").count()).toBe(0);
    await mentorSide.watch.check();
    // Survives only if the page is never reloaded.
    await mentorSide.page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    const menteeSide = await signedInPage(menteeContext, menteeEmail, `/mentors/${mentor.id}`);
    const page = menteeSide.page;
    await chooseFirstTime(page, { price: "€35.00" });
    await page.getByRole("button", { name: "Hold this time" }).click();
    await page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
    await page.getByTestId("pay-box").getByRole("button", { name: "Pay €35.00" }).click();
    await page.waitForURL(/\/sandbox\/checkout\/[^/]+$/);
    await page.getByRole("button", { name: "Pay 35.00 EUR" }).click();
    await page
      .getByTestId("payment-message")
      .filter({ hasText: "your booking is confirmed" })
      .waitFor();
    // The mentee hears about their payment too (their own bell).
    await page.getByTestId("bell-count").waitFor({ timeout: 30_000 });

    // The mentor's page, untouched since: the worker's notification arrives over the stream.
    await mentorSide.page
      .getByTestId("bell-count")
      .filter({ hasText: "1" })
      .waitFor({ timeout: 30_000 });
    expect(
      await mentorSide.page.evaluate(
        () => (window as unknown as { stillHere?: boolean }).stillHere,
      ),
    ).toBe(true);
    await mentorSide.page.getByTestId("bell").locator("summary").click();
    const item = mentorSide.page.getByTestId("bell-item").first();
    expect(await item.textContent()).toContain("Booking confirmed: Career review");
    await mentorSide.watch.check();
    await screenshot(mentorSide.page, "notification-bell.png");

    // Following the line marks it read and lands on what it is about.
    const opened = await item.getByRole("link").getAttribute("href");
    expect(opened).toMatch(/^\/notifications\/[0-9a-f-]{36}$/);
    await item.getByRole("link").click();
    await mentorSide.page.waitForURL("**/mentor/calendar");
    // The root loader may have read the count alongside the mark; the stream then refreshes it.
    await expect.poll(() => mentorSide.page.getByTestId("bell-count").count()).toBe(0);
    await mentorSide.watch.check();

    // The mentee's list (live): their payment, their booking and, once the worker rendered it,
    // its invoice; marking all read empties the count.
    await page.goto("/notifications");
    const lines = page.getByTestId("notification");
    await expect.poll(() => lines.count(), { timeout: 30_000 }).toBe(3);
    expect(await lines.filter({ hasText: "Payment of €35.00 succeeded" }).count()).toBe(1);
    expect(await lines.filter({ hasText: "Booking confirmed: Career review" }).count()).toBe(1);
    expect(await lines.filter({ hasText: /Invoice F-\d{4}-\d{6} is ready/ }).count()).toBe(1);
    await menteeSide.watch.check();
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await page.getByText("3 notification(s) marked as read.").waitFor();
    await expect.poll(() => page.getByTestId("bell-count").count()).toBe(0);
    await menteeSide.watch.check();

    // Preferences in the account page, a plain form.
    await mentorSide.page.goto("/account");
    const preferences = mentorSide.page.getByTestId("notification-preferences");
    await preferences.getByLabel("A new message: By e-mail").uncheck();
    await preferences.getByRole("button", { name: "Save notification settings" }).click();
    await mentorSide.page.getByText("Notification settings saved.").waitFor();
    await mentorSide.watch.check();
    expect(
      await testDb().notificationPreference.findMany({
        where: { userId: mentor.id },
        select: { kind: true, inApp: true, email: true },
      }),
    ).toEqual([{ kind: "NEW_MESSAGE", inApp: true, email: false }]);
    mentorSide.watch.done();
  });
});
