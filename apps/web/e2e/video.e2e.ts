import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshot, uniqueEmail } from "./browser.ts";
import "./context.ts";
import { closeTestDb, createMentor, createVerifiedUser, testDb } from "./db.ts";
import { signedInPage } from "./sign-in.ts";

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

async function signedIn(email: string, path: string, options: { denyMedia?: boolean } = {}) {
  const context = await newContext(browser);
  contexts.push(context);
  if (options.denyMedia) {
    // As a browser whose user blocked the camera and microphone for the site.
    await context.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException("Permission denied", "NotAllowedError"));
    });
  }
  return signedInPage(context, email, path);
}

const presenceOf = (page: Page, userId: string) =>
  page.getByTestId(`presence-${userId}`).getAttribute("data-present");

describe("the call page (local video provider)", () => {
  it("mentor and mentee see each other in the call, and leaving is recorded as attendance", async () => {
    const mentorEmail = uniqueEmail("call-mentor");
    const menteeEmail = uniqueEmail("call-mentee");
    const mentor = await createMentor({ name: "Inès Laurent", email: mentorEmail });
    const mentee = await createVerifiedUser({ name: "Chloé Bernard", email: menteeEmail });
    const db = testDb();
    const offering = await db.offering.create({
      data: {
        mentorId: mentor.id,
        title: "Career review",
        description: "One hour on your next career step.",
        kind: "ONE_TO_ONE",
        options: { create: { durationMinutes: 60, priceMinor: 0, currency: "EUR" } },
      },
      include: { options: true },
    });
    // Starts in two minutes: the room is open (it opens ten minutes before).
    const startsAt = new Date(Date.now() + 2 * 60_000);
    const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
    const session = await db.mentoringSession.create({
      data: {
        mentorId: mentor.id,
        offeringId: offering.id,
        optionId: offering.options[0]?.id ?? "",
        startsAt,
        endsAt,
        blockedUntil: endsAt,
        capacity: 1,
        bookings: {
          create: {
            menteeId: mentee.id,
            status: "CONFIRMED",
            confirmedAt: new Date(),
            offeringTitle: offering.title,
            durationMinutes: 60,
            priceMinor: 0,
            currency: "EUR",
          },
        },
      },
    });
    const path = `/sessions/${session.id}/call`;

    const m = await signedIn(mentorEmail, path);
    await m.page.getByTestId("local-notice").waitFor();
    await m.page.getByTestId("call-starts-in").waitFor();
    await m.watch.check();
    expect(await presenceOf(m.page, mentee.id)).toBe("no");
    // The mentor joins with the (synthetic) camera and microphone: their own view shows.
    await m.page.getByRole("button", { name: "Join the call", exact: true }).click();
    await m.page.getByRole("button", { name: "Leave the call" }).waitFor();
    await m.page.locator(`[data-testid="presence-${mentor.id}"] video`).waitFor();
    await m.page.getByRole("button", { name: "Mute" }).click();
    expect(await m.page.getByRole("button", { name: "Unmute" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await m.watch.check();

    // The mentee's browser blocks the camera: the page says so, and they join without it.
    const e = await signedIn(menteeEmail, path, { denyMedia: true });
    await expect.poll(() => presenceOf(e.page, mentor.id), { timeout: 10_000 }).toBe("yes");
    await e.page.getByRole("button", { name: "Join the call", exact: true }).click();
    await e.page.getByTestId("media-problem").filter({ hasText: "blocked the camera" }).waitFor();
    await e.watch.check();
    await e.page.getByRole("button", { name: "Join without camera or microphone" }).click();
    await e.page.getByRole("button", { name: "Leave the call" }).waitFor();
    await e.page.getByText("You joined without camera or microphone.").waitFor();
    expect(await e.page.getByRole("button", { name: "Mute" }).count()).toBe(0);
    await e.watch.check();
    await screenshot(e.page, "call-mentee.png");

    // Each sees the other in the call.
    await expect.poll(() => presenceOf(m.page, mentee.id), { timeout: 10_000 }).toBe("yes");
    expect(await presenceOf(e.page, mentor.id)).toBe("yes");
    await screenshot(m.page, "call-mentor.png");

    // The mentee leaves: the mentor sees it, and the connection is recorded with its duration.
    await e.page.getByRole("button", { name: "Leave the call" }).click();
    await e.page.getByRole("button", { name: "Join again" }).waitFor();
    await expect.poll(() => presenceOf(m.page, mentee.id), { timeout: 10_000 }).toBe("no");
    const connections = await db.videoConnection.findMany({ where: { sessionId: session.id } });
    expect(connections.map((c) => c.userId).sort()).toEqual([mentee.id, mentor.id].sort());
    const menteeConnection = connections.find((c) => c.userId === mentee.id);
    expect(menteeConnection?.disconnectedAt).not.toBeNull();
    expect(menteeConnection?.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(connections.find((c) => c.userId === mentor.id)?.disconnectedAt).toBeNull();
    // Both callbacks went through the signed edge and were stored once each.
    expect(
      await db.videoCallbackEvent.count({
        where: {
          provider: "local",
          payload: { path: ["roomName"], equals: `booking-session:${session.id}` },
        },
      }),
    ).toBe(3);
    m.watch.done();
    e.watch.done();

    // An admin sees the session's room and its participant-minutes.
    const adminEmail = uniqueEmail("call-admin");
    const admin = await createVerifiedUser({ name: "Admin Vidéo", email: adminEmail });
    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const a = await signedIn(adminEmail, "/admin/video");
    const row = a.page.getByTestId("video-session").filter({ hasText: "Career review" });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain("go (local)");
    await a.watch.check();
    a.watch.done();

    // A stranger is refused the page.
    const strangerEmail = uniqueEmail("call-stranger");
    await createVerifiedUser({ name: "Sam Stranger", email: strangerEmail });
    const { page: s } = await signedIn(strangerEmail, path);
    expect(await s.getByRole("heading", { level: 1 }).textContent()).not.toContain("Career review");
    const response = await s.request.get(path);
    expect(response.status()).toBe(403);
  });
});
