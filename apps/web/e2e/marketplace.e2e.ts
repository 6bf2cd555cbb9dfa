import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, zonedTimeToUtc } from "../app/lib/time.ts";
import {
  launchBrowser,
  newContext,
  type PageWatch,
  screenshot,
  uniqueEmail,
  watchPages,
} from "./browser.ts";
import { closeTestDb, createMentor, createVerifiedUser, PASSWORD, testDb } from "./db.ts";
import { gradientPng } from "./png.ts";
import { chooseFirstTime } from "./scheduler.ts";

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

async function openPage(locale = "en-US"): Promise<{ page: Page; watch: PageWatch }> {
  const context = await newContext(browser, locale);
  contexts.push(context);
  const page = await context.newPage();
  return { page, watch: watchPages(page) };
}

async function signIn(page: Page, email: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Loads a page and lets the browser's timezone cookie settle (one revalidation). */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

function parisDate(iso: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(iso));
}

describe("the marketplace in a browser", () => {
  it("lets a mentor set up, a visitor book after signing in, and both see the session", async () => {
    const mentorUser = { name: "Joëlle Martin", email: uniqueEmail("mentor") };
    const menteeUser = { name: "Björn Müller", email: uniqueEmail("mentee") };
    const mentor = await createMentor(mentorUser);
    await createVerifiedUser(menteeUser);

    // (a) The mentor sets up a free 30-minute offering and weekly hours, through the UI.
    const m = await openPage();
    await visit(m.page, "/sign-in?redirectTo=%2Fmentor");
    await m.watch.check();
    await signIn(m.page, mentorUser.email);
    await m.page.waitForURL("**/mentor");
    await m.page.getByRole("heading", { name: `Hello, ${mentorUser.name}` }).waitFor();
    await m.watch.check();

    await visit(m.page, "/mentor/offerings");
    await m.page.getByText("You have no offering yet").waitFor();
    await m.watch.check();
    await m.page.getByLabel("Title").fill("Intro call");
    await m.page.getByLabel("Description").fill("Thirty minutes to get to know each other.");
    await m.page.getByLabel("Format").selectOption("ONE_TO_ONE");
    await m.page.getByLabel("Duration 1 (minutes)").fill("30");
    await m.page.getByLabel("Price 1").fill("0");
    await m.page.getByRole("button", { name: "Create offering" }).click();
    await m.page.getByText("Offering created.").waitFor();
    await m.page.getByTestId("my-offering").filter({ hasText: "Intro call" }).waitFor();
    await screenshot(m.page, "offerings.png");
    await m.watch.check();

    await visit(m.page, "/mentor/availability");
    await m.page.getByRole("heading", { name: "Weekly hours" }).waitFor();
    for (let weekday = 1; weekday <= 7; weekday += 1) {
      const day = m.page.getByTestId(`weekday-${weekday}`);
      await day.getByRole("button", { name: /Add hours/ }).click();
      const times = day.locator('input[type="time"]');
      await times.nth(0).fill("07:00");
      await times.nth(1).fill("22:00");
    }
    await m.watch.check();
    await m.page.getByRole("button", { name: "Save weekly hours" }).click();
    await m.page.getByText("Weekly hours saved.").waitFor();
    expect(await testDb().availabilityRule.count({ where: { mentorId: mentor.id } })).toBe(7);
    await m.watch.check();
    await screenshot(m.page, "availability.png");

    // The directory lists the mentor, with initials for a picture.
    const v = await openPage();
    await visit(v.page, `/mentors?q=${encodeURIComponent("Joëlle")}&skill=TypeScript&within=7`);
    const card = v.page.getByTestId("mentor-card").filter({ hasText: mentorUser.name });
    await card.waitFor();
    expect(await card.getByText("Free").count()).toBe(1);
    expect(await card.locator("img").getAttribute("src")).toContain("/avatars/initials/");
    await v.watch.check();
    await screenshot(v.page, "mentors.png");

    // (b) A signed-out visitor picks a slot, signs in, lands back on that slot and books.
    await card.getByRole("link", { name: mentorUser.name }).click();
    await v.page.waitForURL(`**/mentors/${mentor.id}`);
    await v.page.waitForLoadState("networkidle");
    await v.page.getByRole("heading", { name: mentorUser.name, level: 1 }).waitFor();
    await v.watch.check();
    await screenshot(v.page, "mentor-page.png");
    // The offering opens its scheduler; choosing a time signed out asks to sign in first.
    const start = await chooseFirstTime(v.page);
    expect(start).toBeTruthy();
    await v.page.waitForURL("**/sign-in?redirectTo=*");
    await v.page.getByText("Please sign in to continue.").waitFor();
    await v.watch.check();
    await signIn(v.page, menteeUser.email);
    await v.page.waitForURL((url) => url.searchParams.has("slot"));
    const landed = new URL(v.page.url());
    expect(landed.pathname).toMatch(new RegExp(`^/mentors/${mentor.id}/[^/]+$`));
    expect(landed.searchParams.get("slot")).toBe(start);
    await v.page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    await v.watch.check();
    await screenshot(v.page, "mentor-page-confirm.png");
    await v.page
      .getByLabel("Message to the mentor (optional)")
      .fill("I would like to talk about TypeScript.");
    await v.page.getByLabel("TypeScript").check();
    await v.page.getByRole("button", { name: "Confirm booking" }).click();
    await v.page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
    const bookingId = new URL(v.page.url()).pathname.split("/").at(-1) ?? "";
    await v.page.getByTestId("booked-notice").waitFor();
    expect(await v.page.getByTestId("booking-status").textContent()).toBe("Confirmed");
    await v.watch.check();
    await screenshot(v.page, "booking.png");

    const ics = await v.page.request.get(`/bookings/${bookingId}/ics`);
    expect(ics.status()).toBe(200);
    expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(ics.headers()["content-disposition"]).toMatch(/^attachment; filename=".+\.ics"$/);
    expect(await ics.text()).toContain("BEGIN:VCALENDAR");

    // (c) The mentee sees it among upcoming bookings…
    await visit(v.page, "/bookings");
    const row = v.page.getByTestId("booking").filter({ hasText: "Intro call" });
    await row.waitFor();
    expect(await row.getByText(`with ${mentorUser.name}`).count()).toBe(1);
    await v.watch.check();

    // The session starts within a day: cancelling is refused, and the page says why, in words.
    await row.getByText("Cancel this booking").click();
    await row.getByLabel("Reason (optional, shared with the mentor)").fill("Something came up.");
    await row.getByRole("button", { name: "Cancel booking" }).click();
    await row.getByRole("alert").filter({ hasText: "too late to cancel" }).waitFor();
    expect((await testDb().booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe(
      "CONFIRMED",
    );
    await v.watch.check();
    await screenshot(v.page, "bookings.png");

    // …and the mentor on the calendar: 30 minutes are half an hour row high.
    await visit(m.page, `/mentor/calendar?date=${parisDate(start ?? "")}`);
    const block = m.page.getByTestId("calendar-block");
    await block.waitFor();
    expect(await block.count()).toBe(1);
    const hourBox = await m.page.getByTestId("hour-row").first().boundingBox();
    const blockBox = await block.boundingBox();
    expect(hourBox && blockBox).toBeTruthy();
    expect(Math.abs((blockBox?.height ?? 0) - (hourBox?.height ?? 0) / 2)).toBeLessThanOrEqual(1);
    const upcoming = m.page.getByTestId("upcoming-session").filter({ hasText: menteeUser.name });
    await upcoming.waitFor();
    await m.watch.check();
    await screenshot(m.page, "calendar.png");

    // The booking page is open to its mentor too.
    await block.getByRole("link").click();
    await m.page.waitForURL(`**/bookings/${bookingId}`);
    await m.page.getByRole("heading", { name: "Intro call" }).waitFor();
    await m.watch.check();

    // The mentor moves the session by two days, at noon in their own timezone.
    const movedDay = addDays(parisDate(start ?? ""), 2);
    await visit(m.page, "/mentor/calendar");
    const session = m.page.getByTestId("upcoming-session").filter({ hasText: menteeUser.name });
    await session.getByText("Reschedule").click();
    await session.getByLabel(/New start/).fill(`${movedDay}T12:00`);
    await session.getByRole("button", { name: "Move session" }).click();
    await m.page.getByText("Session moved").waitFor();
    const moved = await testDb().booking.findUniqueOrThrow({
      where: { id: bookingId },
      include: { session: true },
    });
    expect(moved.session.startsAt.toISOString()).toBe(
      zonedTimeToUtc(movedDay, 12 * 60, "Europe/Paris").toISOString(),
    );
    await m.watch.check();

    // A paid duration: booking it holds the place, and the booking says so honestly.
    await visit(m.page, "/mentor/offerings");
    await m.page.getByText("Add a duration").click();
    await m.page.getByLabel("Duration (minutes)").fill("60");
    await m.page.getByLabel("Price (EUR)").last().fill("35");
    await m.page.getByRole("button", { name: "Add", exact: true }).click();
    await m.page.getByText("Duration added.").waitFor();
    await m.watch.check();
    await visit(v.page, `/mentors/${mentor.id}`);
    // No times until an offering is chosen; then one duration's month at a time.
    expect(await v.page.getByTestId("slot").count()).toBe(0);
    await chooseFirstTime(v.page, { price: "€35.00" });
    await v.page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    await v.page.getByText(/holds your place for 15 minutes/).waitFor();
    await v.watch.check();
    await v.page.getByRole("button", { name: "Hold this time" }).click();
    await v.page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
    expect(await v.page.getByTestId("booking-status").textContent()).toBe("Awaiting payment");
    await v.page
      .getByText(/held until/)
      .first()
      .waitFor();
    // The mentee can pay right here: the whole price by card (their wallet is empty).
    expect(await v.page.getByTestId("pay-card").textContent()).toBe("€35.00");
    await v.page.getByRole("button", { name: "Pay €35.00" }).waitFor();
    await v.watch.check();
    await screenshot(v.page, "booking-held.png");

    // An invitation: the link is shown once, and opens a preview anyone can read.
    await visit(m.page, "/mentor/invitations");
    await m.watch.check();
    await m.page.getByLabel("Private price (optional)").fill("0");
    await m.page.getByRole("button", { name: "Create invitation" }).click();
    const link = await m.page.getByTestId("invitation-link").inputValue();
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{20,}$/);
    await m.watch.check();
    await visit(v.page, new URL(link).pathname);
    await v.page.getByRole("heading", { name: /invites you to “Intro call”/ }).waitFor();
    expect(await v.page.getByTestId("slot").count()).toBeGreaterThan(0);
    await v.watch.check();

    // The mentor page in French: words, prices and days in French.
    const fr = await openPage("fr-FR");
    await visit(fr.page, `/mentors/${mentor.id}`);
    await fr.page.getByRole("heading", { name: "Séances proposées" }).waitFor();
    expect(await fr.page.getByText("30\u00a0min").first().textContent()).toContain("min");
    expect(await fr.page.getByText("Gratuit").count()).toBeGreaterThan(0);
    await fr.watch.check();

    m.watch.done();
    v.watch.done();
    fr.watch.done();
  });

  it("takes a mentee from an incomplete profile to mentor, and lets an admin decide applications", async () => {
    const applicant = { name: "Zoé Côté", email: uniqueEmail("applicant") };
    const pending = { name: "Ana Núñez", email: uniqueEmail("pending") };
    const admin = { name: "Amélie Durand", email: uniqueEmail("admin") };
    await createVerifiedUser(applicant);
    const waiting = await createVerifiedUser(pending);
    await testDb().user.update({
      where: { id: waiting.id },
      data: {
        headline: "Career coach",
        bio: "Coaching engineers into management.",
        languages: ["en", "es"],
        timezone: "Africa/Tunis",
        mentorProfile: { create: { status: "PENDING" } },
      },
    });
    const adminUser = await createVerifiedUser(admin);
    await testDb().user.update({ where: { id: adminUser.id }, data: { role: "ADMIN" } });

    const a = await openPage();
    await visit(a.page, "/sign-in?redirectTo=%2Fmentor%2Fapply");
    await a.watch.check();
    await signIn(a.page, applicant.email);
    await a.page.waitForURL("**/mentor/apply");
    await a.page.getByRole("heading", { name: "Become a mentor", level: 1 }).waitFor();
    await a.watch.check();

    // Applying too early says exactly what is missing.
    await a.page.getByRole("button", { name: "Apply to mentor" }).click();
    const missing = a.page.getByRole("alert").filter({ hasText: "your profile needs" });
    await missing.waitFor();
    for (const item of ["a headline", "a bio", "at least one skill", "your timezone"]) {
      expect(await missing.getByText(item, { exact: true }).count()).toBe(1);
    }
    await a.watch.check();

    // A file that is not an image is refused, in words, next to the upload.
    await a.page.getByLabel("New picture").setInputFiles({
      name: "notes.png",
      mimeType: "image/png",
      buffer: Buffer.from("these are not the pixels you are looking for"),
    });
    await a.page.getByRole("button", { name: "Upload picture" }).click();
    await a.page
      .getByRole("alert")
      .filter({ hasText: /JPEG, PNG or WebP|could not read this image/ })
      .waitFor();
    await a.watch.check();

    // A picture: uploaded as a file, stored, served from /files, shown instead of initials.
    await a.page.getByLabel("New picture").setInputFiles({
      name: "me.png",
      mimeType: "image/png",
      buffer: gradientPng(),
    });
    await a.page.getByRole("button", { name: "Upload picture" }).click();
    await a.page.getByText("Picture updated.").waitFor();
    const picture = a.page.locator('img[data-avatar="photo"]').first();
    await picture.waitFor();
    const src = (await picture.getAttribute("src")) ?? "";
    expect(src).toMatch(/^\/files\/avatars\/.+\.webp$/);
    const served = await a.page.request.get(src);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/webp");
    await a.watch.check();

    await a.page.getByLabel("Headline").fill("Product designer, 8 years in health tech");
    await a.page.getByLabel("Bio").fill("I help designers grow into product leads.");
    await a.page.getByLabel("Skills").fill("Product design, UX research");
    await a.page.getByLabel("Languages you speak").fill("fr, en");
    await a.page.getByLabel("Timezone").selectOption("Europe/Paris");
    await a.page.getByRole("button", { name: "Save profile" }).click();
    await a.page.getByText("Profile saved.").waitFor();
    await a.page.getByText("Your profile is complete: you can apply.").waitFor();
    await a.watch.check();
    await a.page.getByRole("button", { name: "Apply to mentor" }).click();
    await a.page.waitForURL("**/mentor?welcome=1");
    await a.page.getByText("Welcome aboard").waitFor();
    await a.page.getByRole("link", { name: "Mentor area" }).waitFor();
    await a.watch.check();
    await visit(a.page, "/mentor/profile");
    await a.watch.check();
    await screenshot(a.page, "profile.png");

    // An admin approves the pending application.
    const ad = await openPage();
    await visit(ad.page, "/sign-in?redirectTo=%2Fadmin");
    await ad.watch.check();
    await signIn(ad.page, admin.email);
    await ad.page.waitForURL("**/admin");
    const application = ad.page.getByTestId("application").filter({ hasText: pending.email });
    await application.waitFor();
    await ad.watch.check();
    await application.getByLabel("Note to the applicant (optional)").fill("Welcome!");
    await application.getByRole("button", { name: "Approve" }).click();
    await ad.page.getByText("The application was approved").waitFor();
    await expect
      .poll(() => ad.page.getByTestId("application").filter({ hasText: pending.email }).count())
      .toBe(0);
    const approved = await testDb().user.findUniqueOrThrow({
      where: { id: waiting.id },
      include: { mentorProfile: true },
    });
    expect(approved.role).toBe("MENTOR");
    expect(approved.mentorProfile?.decisionNote).toBe("Welcome!");
    await ad.watch.check();
    await screenshot(ad.page, "admin.png");

    a.watch.done();
    ad.watch.done();
  });
});
