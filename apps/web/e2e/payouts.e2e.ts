import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, screenshot, uniqueEmail, watchPages } from "./browser.ts";
import {
  closeTestDb,
  createMentor,
  createVerifiedUser,
  creditAvailable,
  PASSWORD,
  testDb,
} from "./db.ts";

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

async function openPage() {
  const context = await newContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  return { page, watch: watchPages(page) };
}

async function signIn(page: Page, email: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

describe("payouts in a browser (sandbox provider)", () => {
  it("a mentor sets a method and asks for a payout; an admin approves it; the worker pays it", async () => {
    const mentorUser = { name: "Léa Moreau", email: uniqueEmail("payee") };
    const mentor = await createMentor(mentorUser);
    await creditAvailable(testDb(), mentor.id, 4_200);

    const { page, watch } = await openPage();
    await page.goto("/sign-in?redirectTo=%2Fmentor%2Fpayouts");
    await signIn(page, mentorUser.email);
    await page.waitForURL("**/mentor/payouts");
    await page.getByText("No payout method yet: set one to ask for payouts.").waitFor();
    await watch.check();

    await page.getByLabel("Method", { exact: true }).selectOption("SANDBOX");
    await page.getByLabel("Sandbox account label").fill("e2e-account");
    await page.getByRole("button", { name: "Save payout method" }).click();
    await page.getByText("Your payout method was saved.").waitFor();
    await watch.check();

    await page.getByLabel("Amount (EUR)").fill("30");
    await page.getByRole("button", { name: "Ask for this payout" }).click();
    await page.getByText("Your payout request was sent to an admin.").waitFor();
    const payout = await testDb().payout.findFirstOrThrow({ where: { mentorId: mentor.id } });
    expect(payout).toMatchObject({ status: "REQUESTED", amountMinor: 3_000 });
    await page.locator(`tr[data-payout-id="${payout.id}"]`).getByText("Requested").waitFor();
    await watch.check();
    await screenshot(page, "mentor-payouts.png");

    const adminUser = { name: "Admin Versements", email: uniqueEmail("admin") };
    const admin = await createVerifiedUser(adminUser);
    await testDb().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const ad = await openPage();
    await ad.page.goto("/sign-in?redirectTo=%2Fadmin%2Fpayouts");
    await signIn(ad.page, adminUser.email);
    await ad.page.waitForURL("**/admin/payouts");
    const queued = ad.page.getByTestId("payout-queue").locator(`tr[data-payout-id="${payout.id}"]`);
    await queued.getByRole("checkbox").check();
    await ad.watch.check();
    await screenshot(ad.page, "admin-payouts.png");
    await ad.page.getByRole("button", { name: "Approve selected" }).click();
    await ad.page.getByText("1 done, 0 refused.").waitFor();
    await ad.watch.check();

    // The worker runs payout.execute: the sandbox pays it.
    await expect
      .poll(
        async () => (await testDb().payout.findUniqueOrThrow({ where: { id: payout.id } })).status,
        {
          timeout: 30_000,
        },
      )
      .toBe("PAID");
    await page.reload();
    await page.locator(`tr[data-payout-id="${payout.id}"]`).getByText("Paid").waitFor();
    await watch.check();

    const csvHref = await ad.page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = await ad.page.request.get(csvHref ?? "");
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(payout.id);
    expect((await page.request.get("/admin/payouts.csv")).status()).toBe(403);
    const audit = await testDb().auditLog.findMany({ where: { targetId: payout.id } });
    expect(audit.map((row) => row.action)).toEqual(["payout.approve"]);
  });
});
