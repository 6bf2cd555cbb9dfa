import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  launchBrowser,
  newContext,
  screenshot,
  uniqueEmail,
  watchPages,
} from "./browser.ts";
import {
  addPaidOffering,
  closeTestDb,
  createMentor,
  createVerifiedUser,
  PASSWORD,
  testDb,
} from "./db.ts";

/** Issue #16 over HTTP and in a browser, against the built web server and a real worker. */

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return cookiesOf(response);
}

type TrpcResult = { ok: true; data: unknown } | { ok: false; code: string; status: number };

async function trpc(
  kind: "query" | "mutation",
  path: string,
  input: unknown,
  cookie: string,
): Promise<TrpcResult> {
  const envelope = JSON.stringify({ json: input });
  const response =
    kind === "query"
      ? await fetch(`${baseUrl()}/api/trpc/${path}?input=${encodeURIComponent(envelope)}`, {
          headers: { cookie },
        })
      : await fetch(`${baseUrl()}/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: baseUrl(), cookie },
          body: envelope,
        });
  const body = (await response.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { data: { code: string; appCode?: string } } };
  };
  if (body.result) return { ok: true, data: body.result.data.json };
  return { ok: false, code: body.error?.json.data.code ?? "?", status: response.status };
}

/** Polls the database until `find` returns a row: the worker runs the moderation job. */
async function eventually<T>(find: () => Promise<T | null>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not there after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

afterAll(async () => {
  await closeTestDb();
});

describe("Admin → Moderation over HTTP (built app)", () => {
  let adminCookie: string;
  let menteeCookie: string;
  let authorId: string;
  let authorCookie: string;
  let caseId: string;

  beforeAll(async () => {
    const db = testDb();
    const adminEmail = uniqueEmail("mod-admin");
    await createVerifiedUser({ name: "Mod Admin", email: adminEmail });
    await db.user.update({ where: { email: adminEmail }, data: { role: "ADMIN" } });
    adminCookie = await signIn(adminEmail);
    const menteeEmail = uniqueEmail("mod-mentee");
    await createVerifiedUser({ name: "Plain Mentee", email: menteeEmail });
    menteeCookie = await signIn(menteeEmail);

    // A profile edit over HTTP: the worker's moderation job (local provider) flags it.
    const authorEmail = uniqueEmail("mod-author");
    authorId = (await createVerifiedUser({ name: "Solicitor", email: authorEmail })).id;
    authorCookie = await signIn(authorEmail);
    const update = await trpc(
      "mutation",
      "profile.update",
      {
        bio: "Exclusive private shows on onlyfans.com/solicitor — DM me on WhatsApp +33 6 12 34 56 78",
      },
      authorCookie,
    );
    expect(update.ok).toBe(true);
    const row = await eventually(
      () => db.moderationCase.findFirst({ where: { authorId, subject: "PROFILE_TEXT" } }),
      "the moderation case",
    );
    caseId = row.id;
    expect(row.verdict).not.toBe("ALLOW");
    expect(row.withheld).toBe(true);
  });

  it("tells the author why on their account page, in their language", async () => {
    const english = await fetch(`${baseUrl()}/account`, { headers: { cookie: authorCookie } });
    const html = await english.text();
    expect(html).toContain("Not published");
    expect(html).toMatch(/solicitation \(adult platforms|contact details \(phone numbers/);
    const french = await fetch(`${baseUrl()}/account`, {
      headers: { cookie: authorCookie, "accept-language": "fr-FR" },
    });
    expect(await french.text()).toContain("Non publié");
  });

  it("refuses the page to anonymous visitors and mentees, shows the case to an admin", async () => {
    const anonymous = await fetch(`${baseUrl()}/admin/moderation`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/sign-in/);
    const mentee = await fetch(`${baseUrl()}/admin/moderation`, {
      headers: { cookie: menteeCookie },
      redirect: "manual",
    });
    expect([403, 404]).toContain(mentee.status);
    expect(await mentee.text()).not.toContain("onlyfans");

    const status = (await testDb().moderationCase.findUniqueOrThrow({ where: { id: caseId } }))
      .status;
    const admin = await fetch(`${baseUrl()}/admin/moderation?status=${status}`, {
      headers: { cookie: adminCookie },
    });
    expect(admin.status).toBe(200);
    const html = await admin.text();
    expect(html).toContain("onlyfans.com/solicitor");
    expect(html).toContain("Solicitor");
  });

  it("refuses a mentee's decision, takes the admin's, audit-logged", async () => {
    const refused = await trpc(
      "mutation",
      "admin.moderation.decide",
      { caseId, decision: "approve" },
      menteeCookie,
    );
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(
      (await testDb().moderationCase.findUniqueOrThrow({ where: { id: caseId } })).decidedAt,
    ).toBeNull();

    const form = new URLSearchParams({ caseId, decision: "reject", note: "No contact details" });
    const decided = await fetch(`${baseUrl()}/admin/moderation`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: baseUrl(),
        cookie: adminCookie,
      },
      body: form,
    });
    expect(decided.status).toBe(200);
    const row = await testDb().moderationCase.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ status: "REJECTED", withheld: true, note: "No contact details" });
    const audit = await testDb().auditLog.findFirstOrThrow({
      where: { action: "moderation.decide", targetId: caseId },
    });
    expect(audit.details).toMatchObject({ decision: "reject", authorId });
  });
});

describe("matching requests are their owner's (HTTP, built app)", () => {
  it("answers NOT_FOUND for another person's request id, the owner gets it", async () => {
    const ownerEmail = uniqueEmail("match-owner");
    await createVerifiedUser({ name: "Owner", email: ownerEmail });
    const ownerCookie = await signIn(ownerEmail);
    const otherEmail = uniqueEmail("match-other");
    await createVerifiedUser({ name: "Other", email: otherEmail });
    const otherCookie = await signIn(otherEmail);

    const created = await trpc(
      "mutation",
      "matching.request",
      { text: "typescript code review" },
      ownerCookie,
    );
    expect(created.ok).toBe(true);
    const { requestId } = (created as { data: { requestId: string } }).data;

    const stolen = await trpc("query", "matching.latest", { requestId }, otherCookie);
    expect(stolen).toMatchObject({ ok: false, code: "NOT_FOUND", status: 404 });
    const theirs = await trpc("query", "matching.latest", {}, otherCookie);
    expect(theirs).toEqual({ ok: true, data: null });
    const own = await trpc("query", "matching.latest", { requestId }, ownerCookie);
    expect(own.ok && (own.data as { text: string }).text).toBe("typescript code review");
    const anonymous = await trpc("query", "matching.latest", { requestId }, "");
    expect(anonymous).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
  });
});

describe("sign-up with 'Describe what you need' in a browser", () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("ranks mentors at sign-up, e-mails them, and shows them on /matches after sign-in", async () => {
    const db = testDb();
    // A mentor whose profile only this request names (the shared database holds others).
    const mentorEmail = uniqueEmail("quokka-mentor");
    const mentor = await createMentor({ name: "Quentin Quokka", email: mentorEmail });
    await db.user.update({
      where: { id: mentor.id },
      data: { headline: "Quokka husbandry and zygomorphic flowers" },
    });
    await addPaidOffering(mentor.id);

    const page = await context.newPage();
    const watch = watchPages(page);
    const email = uniqueEmail("quokka-mentee");
    await page.goto("/sign-up");
    await page.getByLabel("Full name").fill("Mina Mentee");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("What are you looking for?").fill("Someone who knows quokka husbandry");
    await page.getByLabel("English").check();
    await screenshot(page, "sign-up-matching.png");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    await watch.check();

    const mentee = await db.user.findUniqueOrThrow({ where: { email } });
    const request = await db.matchRequest.findFirstOrThrow({ where: { menteeId: mentee.id } });
    expect(request.languages).toEqual(["en"]);
    expect((request.results as { mentorId: string }[])[0]?.mentorId).toBe(mentor.id);

    // The matches e-mail (sent by the worker) names the mentor.
    const mail = await eventually(
      () =>
        db.outboxEmail.findFirst({
          where: { to: email, subject: { contains: "Mentors for you" } },
        }),
      "the matches e-mail",
    );
    expect(mail.text).toContain("Quentin Quokka");

    await db.user.update({ where: { id: mentee.id }, data: { emailVerified: true } });
    await page.goto("/sign-in?redirectTo=/matches");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/matches");
    const first = page.getByTestId("match").first();
    await first.waitFor();
    expect(await first.textContent()).toContain("Quentin Quokka");
    expect(
      (await page.getByTestId("match-explanation").first().textContent())?.length,
    ).toBeGreaterThan(5);
    await watch.check();
    await screenshot(page, "matches.png");
  });
});
