import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext, screenshot, uniqueEmail } from "./browser.ts";
import "./context.ts";
import { closeTestDb, createMentor, createVerifiedUser, PASSWORD, testDb } from "./db.ts";
import { gradientPng } from "./png.ts";
import { signedInPage } from "./sign-in.ts";

// Conversations per booking (issue #15) against the built server: who may read a
// conversation and its images over HTTP, then two browsers (mentee and mentor) talking live.

afterAll(closeTestDb);

/** A confirmed one-to-one booking tomorrow between this mentor and mentee. */
async function confirmedBooking(mentorId: string, menteeId: string, title = "Career review") {
  const db = testDb();
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
  const startsAt = new Date(Date.now() + 26 * 3_600_000);
  const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
  const session = await db.mentoringSession.create({
    data: {
      mentorId,
      offeringId: offering.id,
      optionId: offering.options[0]?.id ?? "",
      startsAt,
      endsAt,
      blockedUntil: endsAt,
      capacity: 1,
      bookings: {
        create: {
          menteeId,
          status: "CONFIRMED",
          confirmedAt: new Date(),
          offeringTitle: title,
          durationMinutes: 60,
          priceMinor: 0,
          currency: "EUR",
        },
      },
    },
    include: { bookings: true },
  });
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

interface TrpcAnswer {
  status: number;
  data?: unknown;
  error?: { data: { code: string } };
}

async function trpc(
  cookie: string,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<TrpcAnswer> {
  const envelope = JSON.stringify({ json: input });
  const url =
    kind === "query"
      ? `${baseUrl()}/api/trpc/${path}?input=${encodeURIComponent(envelope)}`
      : `${baseUrl()}/api/trpc/${path}`;
  const response = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { "content-type": "application/json", origin: baseUrl(), cookie },
    ...(kind === "mutation" ? { body: envelope } : {}),
  });
  const body = (await response.json()) as {
    result?: { data?: { json?: unknown } };
    error?: { json?: TrpcAnswer["error"] };
  };
  return { status: response.status, data: body.result?.data?.json, error: body.error?.json };
}

describe("conversations over HTTP (built server): participants only", () => {
  it("nobody else reads, writes, reports or fetches the images of a conversation", async () => {
    const mentorEmail = uniqueEmail("msg-mentor");
    const menteeEmail = uniqueEmail("msg-mentee");
    const strangerEmail = uniqueEmail("msg-stranger");
    const mentor = await createMentor({ name: "Maud Mentor", email: mentorEmail });
    const mentee = await createVerifiedUser({ name: "Mehdi Mentee", email: menteeEmail });
    await createVerifiedUser({ name: "Sacha Stranger", email: strangerEmail });
    const booking = await confirmedBooking(mentor.id, mentee.id);
    const menteeCookie = await cookieOf(menteeEmail);
    const strangerCookie = await cookieOf(strangerEmail);

    const opened = await trpc(menteeCookie, "messages.open", { bookingId: booking.id });
    expect(opened.status).toBe(200);
    const { conversationId } = opened.data as { conversationId: string };
    const sent = await trpc(menteeCookie, "messages.send", {
      conversationId,
      body: "Here is my CV",
      attachment: gradientPng(64).toString("base64"),
    });
    expect(sent.status).toBe(200);
    const { messageId } = sent.data as { messageId: string };
    // The AI moderation hook with the default (local) provider: a message sending people to an
    // adult platform is refused with its stable code, and nothing is stored (the count below).
    const refused = await trpc(menteeCookie, "messages.send", {
      conversationId,
      body: "Subscribe to my OnlyFans for the rest",
    });
    expect([refused.status, refused.error?.data.code]).toEqual([400, "MESSAGE_REJECTED"]);

    // Anonymous: 401 on every procedure.
    for (const [path, input, kind] of [
      ["messages.get", { conversationId }, "query"],
      ["messages.list", undefined, "query"],
      ["messages.send", { conversationId, body: "x" }, "mutation"],
    ] as const) {
      expect((await trpc("", path, input, kind)).status, path).toBe(401);
    }
    // Another signed-in person: NOT_FOUND, exactly as for an id that does not exist.
    const attempts = [
      ["messages.get", { conversationId }, "query"],
      ["messages.send", { conversationId, body: "let me in" }, "mutation"],
      ["messages.markRead", { conversationId, messageId }, "mutation"],
      ["messages.report", { messageId }, "mutation"],
      ["messages.open", { bookingId: booking.id }, "mutation"],
    ] as const;
    for (const [path, input, kind] of attempts) {
      const answer = await trpc(strangerCookie, path, input, kind);
      expect([answer.status, answer.error?.data.code], path).toEqual([404, "NOT_FOUND"]);
    }
    const listed = await trpc(strangerCookie, "messages.list", undefined, "query");
    expect((listed.data as { items: unknown[] }).items).toEqual([]);
    const db = testDb();
    expect(await db.message.count({ where: { conversationId } })).toBe(1);
    expect(await db.messageReport.count({ where: { messageId } })).toBe(0);

    // The image: the participants get it (private cache), nobody else; never through /files.
    const imagePath = `/messages/${conversationId}/attachments/${messageId}`;
    const asMentee = await fetch(`${baseUrl()}${imagePath}`, { headers: { cookie: menteeCookie } });
    expect(asMentee.status).toBe(200);
    expect(asMentee.headers.get("content-type")).toBe("image/webp");
    expect(asMentee.headers.get("cache-control")).toContain("private");
    for (const cookie of [strangerCookie, ""]) {
      const refused = await fetch(`${baseUrl()}${imagePath}`, { headers: { cookie } });
      expect(refused.status).toBe(404);
    }
    // The mentor gets it once the worker's image check (local provider) allowed it.
    const deadline = Date.now() + 60_000;
    while (
      (await db.message.findUniqueOrThrow({ where: { id: messageId } })).attachmentState !==
      "ALLOWED"
    ) {
      if (Date.now() > deadline) throw new Error("image not allowed by the worker after 60 s");
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const mentorCookie = await cookieOf(mentorEmail);
    const asMentor = await fetch(`${baseUrl()}${imagePath}`, { headers: { cookie: mentorCookie } });
    expect(asMentor.status).toBe(200);
    expect(await db.messageReport.count({ where: { messageId } })).toBe(0);
    const { attachmentKey } = await db.message.findUniqueOrThrow({ where: { id: messageId } });
    const direct = await fetch(`${baseUrl()}/files/${attachmentKey}`, {
      headers: { cookie: menteeCookie },
    });
    expect(direct.status).toBe(404);

    // The booking's own link: 404 for the stranger, the conversation for the mentee.
    const strangerOpen = await fetch(`${baseUrl()}/bookings/${booking.id}/messages`, {
      headers: { cookie: strangerCookie },
      redirect: "manual",
    });
    expect(strangerOpen.status).toBe(404);
    const menteeOpen = await fetch(`${baseUrl()}/bookings/${booking.id}/messages`, {
      headers: { cookie: menteeCookie },
      redirect: "manual",
    });
    expect(menteeOpen.status).toBe(302);
    expect(menteeOpen.headers.get("location")).toBe(`/messages/${conversationId}`);
  });
});

describe("two browsers (mentee and mentor)", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
  });

  async function signedIn(email: string, path: string) {
    const context = await newContext(browser);
    contexts.push(context);
    return signedInPage(context, email, path);
  }

  const conversationUrl = /\/messages\/[0-9a-f-]{36}$/;
  const bodies = (page: Page) => page.getByTestId("message-body").allTextContents();

  it("a message typed in one appears in the other without a reload, with typing and read receipt", async () => {
    const mentorEmail = uniqueEmail("live-mentor");
    const menteeEmail = uniqueEmail("live-mentee");
    const mentor = await createMentor({ name: "Inès Laurent", email: mentorEmail });
    const mentee = await createVerifiedUser({ name: "Chloé Bernard", email: menteeEmail });
    const booking = await confirmedBooking(mentor.id, mentee.id);

    // The mentee opens it from the booking page, the mentor from the calendar.
    const e = await signedIn(menteeEmail, `/bookings/${booking.id}`);
    await e.watch.check();
    await e.page.getByTestId("booking-messages").click();
    await e.page.waitForURL(conversationUrl);
    await e.page.getByText("No message yet.").waitFor();
    await e.watch.check();

    const m = await signedIn(mentorEmail, "/mentor/calendar");
    await m.watch.check();
    await m.page.getByTestId("calendar-message").first().click();
    await m.page.waitForURL(conversationUrl);
    expect(m.page.url()).toBe(e.page.url());
    await m.watch.check();

    // Marks each document: a reload would lose them.
    for (const page of [e.page, m.page]) {
      await page.evaluate(() => {
        (window as unknown as { stillHere: boolean }).stillHere = true;
      });
    }
    const stillHere = (page: Page) =>
      page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true);

    await e.page.getByLabel("Your message").fill("Bonjour ! Shall I bring my CV?");
    await e.page.getByRole("button", { name: "Send", exact: true }).click();
    await e.page.getByTestId("message-body").filter({ hasText: "Shall I bring my CV?" }).waitFor();
    // The mentor's page shows it, live.
    await m.page
      .getByTestId("message-body")
      .filter({ hasText: "Shall I bring my CV?" })
      .waitFor({ timeout: 15_000 });
    expect(await stillHere(m.page)).toBe(true);
    // The mentor's page read it: the mentee's receipt turns to "Seen", live too.
    await e.page.getByTestId("receipt").filter({ hasText: "Seen" }).waitFor({ timeout: 15_000 });
    expect(await stillHere(e.page)).toBe(true);

    await m.page.getByLabel("Your message").fill("Yes please, and your questions.");
    // The mentee sees the mentor typing (optional in the issue), live.
    await e.page
      .getByTestId("typing")
      .filter({ hasText: "Inès Laurent is typing…" })
      .waitFor({ timeout: 15_000 });
    await m.page.getByRole("button", { name: "Send", exact: true }).click();
    await e.page
      .getByTestId("message-body")
      .filter({ hasText: "Yes please, and your questions." })
      .waitFor({ timeout: 15_000 });
    expect(await stillHere(e.page)).toBe(true);
    expect(await bodies(e.page)).toEqual([
      "Bonjour ! Shall I bring my CV?",
      "Yes please, and your questions.",
    ]);
    // The form emptied after sending.
    expect(await m.page.getByLabel("Your message").inputValue()).toBe("");
    await m.watch.check();
    await e.watch.check();
    await screenshot(e.page, "messages-mentee.png");

    // The mentee reports the mentor's message; an admin hides it; the mentee's page updates live.
    const mentorMessage = e.page.locator("li.message").filter({ hasText: "Yes please" });
    await mentorMessage.locator("summary").click();
    await mentorMessage.getByLabel("Why are you reporting this message? (optional)").fill("test");
    await mentorMessage.getByRole("button", { name: "Report to the team" }).click();
    await e.page.getByText("Thank you: the team will review this message.").waitFor();
    await e.watch.check();

    const adminEmail = uniqueEmail("msg-admin");
    const admin = await createVerifiedUser({ name: "Ada Admin", email: adminEmail });
    await testDb().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const a = await signedIn(adminEmail, "/admin/message-reports");
    const report = a.page.locator("li[data-report-id]").filter({ hasText: "Yes please" });
    await report.waitFor();
    await a.watch.check();
    await report.getByRole("button", { name: "Hide the message" }).click();
    await a.page.getByText("Decision saved.").waitFor();
    await a.watch.check();
    await e.page.getByText("This message was removed by moderation.").waitFor({ timeout: 15_000 });
    expect(await bodies(e.page)).toEqual(["Bonjour ! Shall I bring my CV?"]);

    // The list of conversations.
    await e.page.getByRole("link", { name: "Messages", exact: true }).first().click();
    await e.page.waitForURL("**/messages");
    await e.page.getByTestId("conversation-list").waitFor();
    await e.watch.check();

    e.watch.done();
    m.watch.done();
    a.watch.done();
  });

  it("sends without JavaScript (a plain form), image included", async () => {
    const mentorEmail = uniqueEmail("nojs-mentor");
    const menteeEmail = uniqueEmail("nojs-mentee");
    const mentor = await createMentor({ name: "Noé Mentor", email: mentorEmail });
    const mentee = await createVerifiedUser({ name: "Zoé Mentee", email: menteeEmail });
    const booking = await confirmedBooking(mentor.id, mentee.id);

    const context = await browser.newContext({
      baseURL: baseUrl(),
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
      javaScriptEnabled: false,
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(
      `/sign-in?redirectTo=${encodeURIComponent(`/bookings/${booking.id}/messages`)}`,
    );
    await page.getByLabel("Adresse e-mail").fill(menteeEmail);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter", exact: true }).click();
    await page.waitForURL(conversationUrl);

    await page.getByLabel("Votre message").fill("Sans JavaScript");
    await page.getByLabel(/Joindre une image/).setInputFiles({
      name: "cv.png",
      mimeType: "image/png",
      buffer: gradientPng(120),
    });
    await page.getByRole("button", { name: "Envoyer", exact: true }).click();
    await page.getByText("Message envoyé.").waitFor();
    await page.goto(new URL(page.url()).pathname);
    expect(await bodies(page)).toEqual(["Sans JavaScript"]);
    const image = page.locator("li.message img");
    expect(await image.getAttribute("width")).toBe("120");
    const row = await testDb().message.findFirstOrThrow({
      where: { conversation: { bookingId: booking.id } },
    });
    expect(row.attachmentKey).toMatch(/\.webp$/);
  });
});
