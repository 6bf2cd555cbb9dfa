import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext, screenshot, uniqueEmail } from "./browser.ts";
import { closeTestDb, createMentor, createVerifiedUser, PASSWORD, testDb } from "./db.ts";
import { chooseFirstTime } from "./scheduler.ts";
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

async function context() {
  const created = await newContext(browser);
  contexts.push(created);
  return created;
}

/** A session cookie from better-auth's sign-in endpoint (what the browser holds). */
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

/** One tRPC query over HTTP (superjson envelope), as the browser's client makes it. */
async function query(path: string, input: unknown, cookie: string) {
  const envelope = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await fetch(`${baseUrl()}/api/trpc/${path}?input=${envelope}`, {
    headers: { cookie },
  });
  const body = (await response.json()) as {
    result?: { data: { json: { items: { id: string; eventType: string }[] } } };
    error?: { json: { data: { code: string } } };
  };
  return {
    status: response.status,
    data: body.result?.data.json,
    code: body.error?.json.data.code,
  };
}

/** A free 30-minute offering and hours every day, 07:00–22:00 (Paris). */
async function addFreeOffering(mentorId: string) {
  await testDb().offering.create({
    data: {
      mentorId,
      title: "Intro call",
      description: "Thirty minutes to get to know each other.",
      kind: "ONE_TO_ONE",
      options: { create: { durationMinutes: 30, priceMinor: 0, currency: "EUR" } },
    },
  });
  await testDb().availabilityRule.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      mentorId,
      weekday,
      startMinute: 7 * 60,
      endMinute: 22 * 60,
    })),
  });
}

describe("activity feeds", () => {
  it("a booking appears live in the mentor's feed and in the mentee's; nobody reads another's; the admin feed puts decisions first", async () => {
    const mentorUser = { name: "Inès Activité", email: uniqueEmail("act-mentor") };
    const menteeUser = { name: "Paul Fil", email: uniqueEmail("act-mentee") };
    const strangerUser = { name: "Zoé Ailleurs", email: uniqueEmail("act-stranger") };
    const adminUser = { name: "Admin Activité", email: uniqueEmail("act-admin") };
    const mentor = await createMentor(mentorUser);
    await addFreeOffering(mentor.id);
    const mentee = await createVerifiedUser(menteeUser);
    await createVerifiedUser(strangerUser);
    const admin = await createVerifiedUser(adminUser);
    await testDb().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });

    // The mentor's feed is open (and empty) in one browser…
    const m = await signedInPage(await context(), mentorUser.email, "/activity");
    await m.page.getByRole("heading", { name: "My activity", level: 1 }).waitFor();
    await m.page.getByTestId("activity-empty").waitFor();
    await m.page
      .getByRole("navigation", { name: "Main navigation" })
      .getByRole("link", { name: "Activity" })
      .waitFor();
    await m.watch.check();

    // …while the mentee books a free intro call in another.
    const v = await signedInPage(await context(), menteeUser.email, `/mentors/${mentor.id}`);
    await chooseFirstTime(v.page);
    await v.page.getByRole("button", { name: "Confirm booking" }).click();
    await v.page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
    const bookingId = new URL(v.page.url()).pathname.split("/").at(-1) ?? "";

    // Live: the entry arrives in the mentor's open page without a reload (worker → stream).
    const mentorEntry = m.page.locator(
      '[data-testid="activity-entry"][data-event-type="booking.confirmed"]',
    );
    await mentorEntry.waitFor({ timeout: 60_000 });
    expect(await mentorEntry.textContent()).toContain("Intro call");
    expect(await mentorEntry.textContent()).toContain(menteeUser.name);
    expect(await mentorEntry.getAttribute("data-kind")).toBe("booking");
    await m.watch.check();
    await screenshot(m.page, "activity-mentor.png");

    // The mentee's feed: the session with the mentor, and the session among upcoming ones.
    await v.page.goto("/activity");
    const menteeEntry = v.page.locator(
      '[data-testid="activity-entry"][data-event-type="booking.confirmed"]',
    );
    await menteeEntry.waitFor();
    expect(await menteeEntry.textContent()).toContain(`with ${mentorUser.name}`);
    expect(await menteeEntry.getAttribute("data-kind")).toBe("session");
    expect(await menteeEntry.getByRole("link", { name: "Intro call" }).getAttribute("href")).toBe(
      `/bookings/${bookingId}`,
    );
    expect(await v.page.getByTestId("activity-upcoming").textContent()).toContain("Intro call");
    await v.watch.check();
    await screenshot(v.page, "activity-mentee.png");

    // Filters are a GET form: the kind "Payments" has nothing for a free booking.
    await v.page.getByLabel("Kind").selectOption("payment");
    await v.page.getByRole("button", { name: "Apply" }).click();
    await v.page.waitForURL("**/activity?kind=payment*");
    await v.page.getByText("Nothing matches these filters.").waitFor();
    await v.watch.check();

    // Without JavaScript: the server renders the filtered page from the query string alone.
    const menteeCookie = await cookieOf(menteeUser.email);
    const html = await (
      await fetch(`${baseUrl()}/activity?kind=session`, { headers: { cookie: menteeCookie } })
    ).text();
    expect(html).toContain('data-event-type="booking.confirmed"');
    const empty = await (
      await fetch(`${baseUrl()}/activity?kind=refund`, { headers: { cookie: menteeCookie } })
    ).text();
    expect(empty).toContain("Nothing matches these filters.");

    // Over HTTP: each reads their own entries only, whatever they send.
    const own = await query("activity.mine", {}, menteeCookie);
    expect(own.status).toBe(200);
    const ownIds = new Set(own.data?.items.map((item) => item.id));
    const stored = await testDb().activityEntry.findMany({ where: { feed: mentee.id } });
    expect(ownIds).toEqual(new Set(stored.map((entry) => entry.id)));
    expect(ownIds.size).toBeGreaterThan(0);

    const strangerCookie = await cookieOf(strangerUser.email);
    const stranger = await query("activity.mine", {}, strangerCookie);
    expect(stranger.data?.items).toEqual([]);
    // No way to name someone else's feed: unknown fields are refused.
    const naming = await query("activity.mine", { userId: mentee.id }, strangerCookie);
    expect(naming).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    expect((await query("admin.activity.feed", {}, strangerCookie)).status).toBe(403);
    expect((await query("admin.activity.decisions", undefined, menteeCookie)).status).toBe(403);
    expect((await query("activity.mine", {}, "")).status).toBe(401);
    // The page itself: signed out → sign-in; a mentee on the admin feed → 403.
    const anonymous = await fetch(`${baseUrl()}/activity`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/sign-in");
    expect(
      (await fetch(`${baseUrl()}/admin/activity`, { headers: { cookie: menteeCookie } })).status,
    ).toBe(403);

    // The admin: what waits for a decision first, then the platform feed with the booking.
    const a = await signedInPage(await context(), adminUser.email, "/admin/activity");
    await a.page.getByRole("heading", { name: "Waiting for a decision" }).waitFor();
    const platformEntry = a.page
      .locator('[data-testid="activity-entry"][data-event-type="booking.confirmed"]')
      .filter({ hasText: menteeUser.name });
    await platformEntry.waitFor();
    expect(await platformEntry.textContent()).toContain(`with ${mentorUser.name}`);
    await a.watch.check();
    await screenshot(a.page, "activity-admin.png");
  });

  it("says each payout step and the application decision in its own words, in English and French", async () => {
    const mentorUser = { name: "Hugo Versement", email: uniqueEmail("act-payouts") };
    const applicantUser = { name: "Léa Candidate", email: uniqueEmail("act-applicant") };
    const mentor = await createMentor(mentorUser);
    const applicant = await createVerifiedUser(applicantUser);
    const payout = {
      payoutId: randomUUID(),
      mentorId: mentor.id,
      currency: "EUR",
      amountMinor: 12_345,
    };
    const steps = [
      ["payout.requested", payout],
      ["payout.approved", { ...payout, attempt: 1 }],
      ["payout.paid", { ...payout, reference: "tr_1" }],
    ] as const;
    // The lines as the projection writes them (the feeds' own tests cover who gets which).
    await testDb().activityEntry.createMany({
      data: [
        ...steps.map(([eventType, data], n) => ({
          id: randomUUID(),
          feed: mentor.id,
          eventId: randomUUID(),
          eventType,
          kind: "payout",
          occurredAt: new Date(Date.now() - (3 - n) * 60_000),
          data,
        })),
        {
          id: randomUUID(),
          feed: applicant.id,
          eventId: randomUUID(),
          eventType: "mentor.application-decided",
          kind: "application",
          occurredAt: new Date(),
          data: { userId: applicant.id, status: "REJECTED" },
        },
      ],
    });
    /** The server-rendered line of an event type on /activity, in a language. */
    const lineOf = async (email: string, eventType: string, language: string) => {
      const html = await (
        await fetch(`${baseUrl()}/activity`, {
          headers: { cookie: await cookieOf(email), "accept-language": language },
        })
      ).text();
      const line = html.match(
        new RegExp(`<li[^>]*data-event-type="${eventType.replaceAll(".", "\\.")}"[\\s\\S]*?</li>`),
      )?.[0];
      expect(line, `${eventType} (${language})`).toBeDefined();
      return line ?? "";
    };
    const wording = {
      en: {
        "payout.requested": "Payout requested",
        "payout.approved": "Payout approved",
        "payout.paid": "Payout paid",
      },
      fr: {
        "payout.requested": "Versement demandé",
        "payout.approved": "Versement approuvé",
        "payout.paid": "Versement effectué",
      },
    } as const;
    for (const language of ["en", "fr"] as const) {
      for (const [eventType] of steps) {
        const line = await lineOf(mentorUser.email, eventType, language);
        expect(line).toContain(wording[language][eventType]);
        // Only its own step's words.
        for (const [other, words] of Object.entries(wording[language])) {
          if (other !== eventType) expect(line).not.toContain(words);
        }
        expect(line).toContain('href="/mentor/payouts"');
      }
    }
    expect(await lineOf(applicantUser.email, "mentor.application-decided", "en")).toContain(
      "Your mentor application was declined",
    );
    expect(await lineOf(applicantUser.email, "mentor.application-decided", "fr")).toContain(
      "Votre candidature de mentor n’a pas été retenue",
    );
  });
});
