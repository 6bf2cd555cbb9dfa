import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext, screenshot, uniqueEmail } from "./browser.ts";
import "./context.ts";
import { closeTestDb, createMentor, createVerifiedUser, PASSWORD, testDb } from "./db.ts";
import { signedInPage } from "./sign-in.ts";

// Reviews and ratings (issue #18) against the built server: after an attended session the mentee
// rates it, it shows on the mentor's page with the average, the mentor answers, an admin hides a
// review and the average changes. The attendance record (the video room's verdict and each
// person's time in the call) is written as the close-room job writes it.

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

const HOUR = 3_600_000;

/** A one-to-one session that ended `hoursAgo`, completed, attended by both (50 minutes). */
async function attendedBooking(mentorId: string, menteeId: string, hoursAgo: number) {
  const db = testDb();
  const title = "Career review";
  const offering = await db.offering.create({
    data: {
      mentorId,
      title,
      description: "One hour on your next career step.",
      kind: "ONE_TO_ONE",
      options: { create: { durationMinutes: 60, priceMinor: 0, currency: "EUR" } },
    },
    include: { options: true },
  });
  const endsAt = new Date(Date.now() - hoursAgo * HOUR);
  const startsAt = new Date(endsAt.getTime() - HOUR);
  const session = await db.mentoringSession.create({
    data: {
      mentorId,
      offeringId: offering.id,
      optionId: offering.options[0]?.id ?? "",
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      capacity: 1,
      status: "COMPLETED",
      bookings: {
        create: {
          menteeId,
          status: "COMPLETED",
          confirmedAt: startsAt,
          offeringTitle: title,
          durationMinutes: 60,
          priceMinor: 0,
          currency: "EUR",
        },
      },
    },
    include: { bookings: true },
  });
  const roomSid = `RM${randomUUID().replace(/-/g, "")}`;
  await db.videoRoom.create({
    data: {
      sessionId: session.id,
      provider: "local",
      roomSid,
      uniqueName: `session-${session.id}`,
      type: "go",
      maxParticipants: 2,
      state: "COMPLETED",
      verdict: "ATTENDED",
      completedAt: endsAt,
    },
  });
  for (const userId of [mentorId, menteeId]) {
    await db.videoConnection.create({
      data: {
        sessionId: session.id,
        userId,
        roomSid,
        participantSid: `PA${randomUUID().replace(/-/g, "")}`,
        connectedAt: startsAt,
        disconnectedAt: new Date(startsAt.getTime() + 50 * 60_000),
        durationSeconds: 50 * 60,
      },
    });
  }
  return session.bookings[0]!;
}

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

async function trpcMutation(cookie: string, path: string, input: unknown) {
  const response = await fetch(`${baseUrl()}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl(), cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { error?: { json?: { data?: { code?: string } } } };
  return { status: response.status, code: body.error?.json?.data?.code };
}

async function browserContext() {
  const context = await newContext(browser);
  contexts.push(context);
  return context;
}

describe("reviews in a browser", () => {
  it("a mentee rates an attended session, the mentor answers, an admin hides a review", async () => {
    const db = testDb();
    const mentorEmail = uniqueEmail("rv-mentor");
    const menteeEmail = uniqueEmail("rv-mentee");
    const otherEmail = uniqueEmail("rv-other");
    const strangerEmail = uniqueEmail("rv-stranger");
    const adminEmail = uniqueEmail("rv-admin");
    const mentor = await createMentor({ name: "Rosa Reviewed", email: mentorEmail });
    const mentee = await createVerifiedUser({ name: "Malik Mentee", email: menteeEmail });
    const other = await createVerifiedUser({ name: "Olga Other", email: otherEmail });
    await createVerifiedUser({ name: "Sami Stranger", email: strangerEmail });
    await createVerifiedUser({ name: "Ada Admin", email: adminEmail });
    await db.user.update({ where: { email: adminEmail }, data: { role: "ADMIN" } });
    const booking = await attendedBooking(mentor.id, mentee.id, 3);
    const otherBooking = await attendedBooking(mentor.id, other.id, 6);

    // Over HTTP: a stranger cannot review someone else's booking (404), nor the mentor their own.
    const stranger = await trpcMutation(await cookieOf(strangerEmail), "reviews.submit", {
      bookingId: booking.id,
      rating: 1,
    });
    expect(stranger).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const own = await trpcMutation(await cookieOf(mentorEmail), "reviews.submit", {
      bookingId: booking.id,
      rating: 5,
    });
    expect(own.code).toBe("REVIEW_NOT_PARTICIPANT");
    // The other participant rates 2 stars (the review the admin will hide).
    const otherCookie = await cookieOf(otherEmail);
    expect(
      (
        await trpcMutation(otherCookie, "reviews.submit", {
          bookingId: otherBooking.id,
          rating: 2,
          text: "Too short for me.",
        })
      ).status,
    ).toBe(200);

    // The mentee: "Rate your session" in the bookings list, then the form on the booking page.
    const m = await signedInPage(await browserContext(), menteeEmail, "/bookings?tab=past");
    await m.watch.check();
    const prompt = m.page.getByTestId("rate-session");
    await expect(prompt.count()).resolves.toBe(1);
    await prompt.click();
    await m.page.waitForURL(`**/bookings/${booking.id}#review`);
    await m.page.waitForLoadState("networkidle");
    await m.watch.check();
    await screenshot(m.page, "review-form.png");
    await m.page.getByRole("group", { name: "Your rating" }).getByLabel("4 stars").check();
    await m.page.getByLabel("Your review (optional)").fill("Clear advice, I got the job!");
    await m.page.getByRole("button", { name: "Publish my review" }).click();
    await m.page.getByText("Thank you! Your review is published.").waitFor();
    await m.watch.check();
    await expect(m.page.getByTestId("review-form").count()).resolves.toBe(0);

    // The mentor's page: both reviews, average 3.0.
    await m.page.goto(`/mentors/${mentor.id}`);
    await m.page.waitForLoadState("networkidle");
    await m.watch.check();
    await expect(m.page.getByTestId("reviews-average").textContent()).resolves.toBe("3.0");
    await expect(m.page.getByTestId("reviews-count").textContent()).resolves.toContain("2 reviews");
    await expect(m.page.getByTestId("review").count()).resolves.toBe(2);
    await expect(m.page.getByTestId("reviews").textContent()).resolves.toContain(
      "Clear advice, I got the job!",
    );
    await screenshot(m.page, "mentor-reviews.png");
    m.watch.done();

    // The mentor answers on the booking page, once.
    const r = await signedInPage(await browserContext(), mentorEmail, `/bookings/${booking.id}`);
    await r.watch.check();
    await r.page.getByLabel("Your answer").fill("Congratulations, Malik!");
    await r.page.getByRole("button", { name: "Publish my answer" }).click();
    await r.page.getByText("Your answer is published.").waitFor();
    await r.watch.check();
    await expect(r.page.getByTestId("answer-form").count()).resolves.toBe(0);
    await expect(r.page.getByTestId("review-answer").textContent()).resolves.toContain(
      "Congratulations, Malik!",
    );
    r.watch.done();

    // An admin hides the 2-star review with a reason: the average becomes 4.0.
    const hidden = await db.review.findUniqueOrThrow({ where: { bookingId: otherBooking.id } });
    const a = await signedInPage(
      await browserContext(),
      adminEmail,
      "/admin/reviews?filter=visible",
    );
    await a.watch.check();
    const row = a.page.locator(`[data-review-id="${hidden.id}"]`);
    await row.getByLabel("Reason for hiding").fill("Not about the session");
    await row.getByRole("button", { name: "Hide", exact: true }).click();
    await a.page.getByText("Decision saved.").waitFor();
    await a.watch.check();
    await screenshot(a.page, "admin-reviews.png");
    a.watch.done();
    const audit = await db.auditLog.findFirst({
      where: { action: "review.hide", targetId: hidden.id },
    });
    expect(audit?.details).toMatchObject({ reason: "Not about the session" });

    const visitor = await (await browserContext()).newPage();
    await visitor.goto(`${baseUrl()}/mentors/${mentor.id}`);
    await expect(visitor.getByTestId("reviews-average").textContent()).resolves.toBe("4.0");
    await expect(visitor.getByTestId("reviews-count").textContent()).resolves.toContain("1 review");
    await expect(visitor.getByTestId("reviews").textContent()).resolves.not.toContain(
      "Too short for me.",
    );
    await expect(visitor.getByTestId("review-answer").textContent()).resolves.toContain(
      "Congratulations, Malik!",
    );
    // On a 360 px phone the reviews fit the screen (nothing scrolls sideways).
    await visitor.setViewportSize({ width: 360, height: 800 });
    const reviews = visitor.getByTestId("reviews");
    const widths = await reviews.evaluate((element) => ({
      scroll: element.scrollWidth,
      client: element.clientWidth,
      right: element.getBoundingClientRect().right,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(widths.right).toBeLessThanOrEqual(360);
    await reviews.scrollIntoViewIfNeeded();
    await screenshot(visitor, "mentor-reviews-phone.png");
    const profile = await db.mentorProfile.findUniqueOrThrow({ where: { userId: mentor.id } });
    expect(profile).toMatchObject({ ratingCount: 1, ratingSum: 4 });
  });
});
