import { createPrismaClient, type Db } from "@mentora/db";
import { inspectPdf, pdfProblems } from "@mentora/invoice-pdf/testing";
import { PgBoss } from "pg-boss";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, uniqueEmail } from "./browser.ts";
import "./context.ts";
import { addPaidOffering, createMentor, createVerifiedUser, type Target } from "./db.ts";
import { chooseFirstTime } from "./scheduler.ts";
import { type ServerPair, startServerPair } from "./servers.ts";
import { signedInPage } from "./sign-in.ts";

/**
 * The whole road of the money, in browsers: a mentee pays a session, the session takes place,
 * the mentee downloads the invoice, the mentor's share is released and paid out through the
 * sandbox gateway by the worker, and the mentor downloads the payout statement. Its own server
 * pair, with earnings released at once (EARNINGS_HOLD_HOURS=0): only the environment differs.
 */
describe("from a paid session to the mentor's payout statement", () => {
  let servers: ServerPair;
  let db: Db;
  let boss: PgBoss;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    servers = await startServerPair(inject("webDbRun"), {
      label: "money",
      env: { EARNINGS_HOLD_HOURS: "0" },
    });
    db = createPrismaClient({ connectionString: servers.databaseUrl });
    boss = new PgBoss({ connectionString: servers.databaseUrl, supervise: false, schedule: false });
    await boss.start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await boss?.stop({ graceful: false });
    await db?.$disconnect();
    await servers?.stop();
  });

  async function signedIn(email: string, to: string) {
    const context = await browser.newContext({
      baseURL: servers.baseUrl,
      locale: "en-US",
      timezoneId: "Europe/Paris",
    });
    contexts.push(context);
    return signedInPage(context, email, to);
  }

  /**
   * Downloads a PDF link of the page as that user, checks it (qpdf --check clean, every font
   * embedded DejaVu, the mentions in the text) and returns its text, whitespace collapsed.
   */
  async function pdfText(
    page: Page,
    href: string,
    mentions: string[],
  ): Promise<{ disposition: string; text: string }> {
    // Issued a moment ago, a document may still be rendering in the worker: the answer is then
    // 202 with a page that reloads itself, as the browser would.
    let response = await page.request.get(href);
    const deadline = Date.now() + 30_000;
    while (response.status() === 202 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      response = await page.request.get(href);
    }
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const bytes = await response.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const report = await inspectPdf(bytes);
    expect(pdfProblems(report, { mentions }), report.text).toEqual([]);
    return { disposition: response.headers()["content-disposition"] ?? "", text: report.text };
  }

  it("invoice for the mentee, payout and statement for the mentor", async () => {
    const target: Target = { baseUrl: servers.baseUrl, db };
    const mentorEmail = uniqueEmail("trail-mentor");
    const menteeEmail = uniqueEmail("trail-mentee");
    const mentor = await createMentor({ name: "Inès Laurent", email: mentorEmail }, target);
    await addPaidOffering(mentor.id, target);
    await createVerifiedUser({ name: "Chloé Bernard", email: menteeEmail }, target);

    // The mentee books a €35 session and pays it on the sandbox's page.
    const e = await signedIn(menteeEmail, `/mentors/${mentor.id}`);
    await e.watch.check();
    await chooseFirstTime(e.page, { price: "€35.00" });
    await e.page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    await e.watch.check();
    await e.page.getByRole("button", { name: "Hold this time" }).click();
    await e.page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
    const bookingId = new URL(e.page.url()).pathname.split("/").at(-1) ?? "";
    await e.watch.check();
    await e.page.getByTestId("pay-box").getByRole("button", { name: "Pay €35.00" }).click();
    await e.page.waitForURL(/\/sandbox\/checkout\/[^/]+$/);
    await e.watch.check();
    await e.page.getByRole("button", { name: "Pay 35.00 EUR" }).click();
    await e.page
      .getByTestId("payment-message")
      .filter({ hasText: "your booking is confirmed" })
      .waitFor();
    await e.watch.check();

    // The session takes place: its time is moved into the past (a test cannot wait for it),
    // then the worker's sweep completes it and releases the mentor's share at once.
    const booking = await db.booking.findUniqueOrThrow({ where: { id: bookingId } });
    const endsAt = new Date(Date.now() - 60 * 60_000);
    await db.mentoringSession.update({
      where: { id: booking.sessionId },
      data: { startsAt: new Date(endsAt.getTime() - 60 * 60_000), endsAt, blockedUntil: endsAt },
    });
    await boss.send("earnings.complete-ended-sessions", {});
    await expect
      .poll(async () => (await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status, {
        timeout: 30_000,
      })
      .toBe("COMPLETED");

    // The mentee downloads the invoice from the receipts.
    await e.page.goto("/receipts");
    const invoiceLink = e.page.getByTestId("document-INVOICE").first();
    await expect.poll(async () => (await invoiceLink.count()) > 0, { timeout: 30_000 }).toBe(true);
    await e.watch.check();
    await screenshot(e.page, "trail-receipts.png");
    const invoice = await pdfText(e.page, (await invoiceLink.getAttribute("href")) ?? "", [
      "Chloé Bernard",
    ]);
    expect(invoice.disposition).toMatch(/F-\d{4}-\d{6}\.pdf/);
    expect(invoice.text).toMatch(/35[.,]00/);
    e.watch.done();

    // The mentor sees the released share (€35 less 15%) and asks for it.
    const m = await signedIn(mentorEmail, "/mentor/revenue");
    const eur = m.page.getByTestId("revenue-EUR");
    await expect
      .poll(async () => eur.getByTestId("available").textContent(), { timeout: 30_000 })
      .toBe("€29.75");
    expect(await m.page.getByTestId("sessions-done").textContent()).toContain("1");
    await m.watch.check();
    await m.page.getByRole("link", { name: "Ask for a payout" }).click();
    await m.page.waitForURL("**/mentor/payouts");
    await m.page.getByLabel("Method", { exact: true }).selectOption("SANDBOX");
    await m.page.getByLabel("Sandbox account label").fill("trail-account");
    await m.page.getByRole("button", { name: "Save payout method" }).click();
    await m.page.getByText("Your payout method was saved.").waitFor();
    await m.page.getByLabel("Amount (EUR)").fill("29.75");
    await m.page.getByRole("button", { name: "Ask for this payout" }).click();
    await m.page.getByText("Your payout request was sent to an admin.").waitFor();
    await m.watch.check();
    const payout = await db.payout.findFirstOrThrow({ where: { mentorId: mentor.id } });
    expect(payout).toMatchObject({ status: "REQUESTED", amountMinor: 2_975 });

    // An admin approves it; the worker pays it through the sandbox.
    const adminEmail = uniqueEmail("trail-admin");
    const admin = await createVerifiedUser({ name: "Admin Trail", email: adminEmail }, target);
    await db.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const a = await signedIn(adminEmail, "/admin/payouts");
    const queued = a.page.getByTestId("payout-queue").locator(`tr[data-payout-id="${payout.id}"]`);
    await queued.getByRole("checkbox").check();
    await a.page.getByRole("button", { name: "Approve selected" }).click();
    await a.page.getByText("1 done, 0 refused.").waitFor();
    await a.watch.check();
    await expect
      .poll(async () => (await db.payout.findUniqueOrThrow({ where: { id: payout.id } })).status, {
        timeout: 30_000,
      })
      .toBe("PAID");
    expect(
      await db.gatewayState.count({
        where: { gatewayId: "sandbox", value: { path: ["payoutId"], equals: payout.id } },
      }),
    ).toBe(1);
    // The approval is in the audit log: who, what, when, from where.
    await a.page.goto(`/admin/audit?target=${payout.id}`);
    const audit = a.page.getByTestId("audit-row");
    expect(await audit.count()).toBe(1);
    expect(await audit.first().textContent()).toContain("payout.approve");
    expect(await audit.first().textContent()).toContain(adminEmail);
    await a.watch.check();
    a.watch.done();

    // The mentor sees it paid and downloads the statement.
    const row = m.page.locator(`tr[data-payout-id="${payout.id}"]`);
    await expect
      .poll(
        async () => {
          await m.page.reload();
          return row.getByTestId("statement-link").count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await row.getByText("Paid").waitFor();
    await m.watch.check();
    await screenshot(m.page, "trail-mentor-payouts.png");
    const statement = await pdfText(
      m.page,
      (await row.getByTestId("statement-link").getAttribute("href")) ?? "",
      ["Inès Laurent"],
    );
    expect(statement.disposition).toMatch(/R-\d{4}-\d{6}\.pdf/);
    expect(statement.text).toMatch(/29[.,]75/);
    m.watch.done();

    // Nobody else gets either document.
    expect((await a.page.request.get(`/invoices/no-such-id.pdf`)).status()).toBe(404);
    const statementHref = (await row.getByTestId("statement-link").getAttribute("href")) ?? "";
    expect((await e.page.request.get(statementHref)).status()).toBe(404);
  });
});
